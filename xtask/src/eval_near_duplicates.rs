//! `eval-near-duplicates`: precision, recall and false-positive rate of the near-duplicate
//! detector on a labelled set of question pairs (`bench/near-duplicates/pairs.yaml`), per
//! split and per kind, as Markdown.
//!
//! The detector indexes every text of the set together with the questions of `--bank` (term
//! weights come from the detector's fixed background), scores each labelled pair, and flags it when the score
//! reaches the threshold. The threshold is the detector's shipped default unless
//! `--threshold` says otherwise; the report also shows, transparently, which threshold the
//! dev split alone would pick by the rule the baselines use (highest dev recall flagging at
//! most 5% of dev distinct pairs, ties to the higher threshold).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use qbank_text::similarity::{Detector, DetectorOptions, Vocabulary, DEFAULT_THRESHOLD};
use serde::Deserialize;

#[derive(clap::Args)]
pub struct Args {
    /// The labelled pairs (YAML files; their pairs are pooled, and each pair's `split` says
    /// where it is reported).
    #[arg(required = true)]
    pairs: Vec<PathBuf>,
    /// A bank whose topics' synonyms join the vocabulary and whose questions join the corpus.
    #[arg(long)]
    bank: Option<PathBuf>,
    /// Which synonym groups to use: the built-in ones and the bank's topics.yaml (`both`), the
    /// built-in ones only, the bank's only, or none (stop words, frames and stemming only).
    #[arg(long, value_enum, default_value_t = Synonyms::Both)]
    synonyms: Synonyms,
    /// Flag pairs scoring at least this (default: the detector's default threshold).
    #[arg(long)]
    threshold: Option<f32>,
    /// Highest false-positive rate on dev distinct pairs when picking a threshold on dev.
    #[arg(long, default_value_t = 0.05)]
    max_dev_fpr: f64,
    /// Report the dev split only (for tuning, so that test figures are not seen while tuning).
    #[arg(long, conflicts_with = "splits")]
    dev_only: bool,
    /// Report these splits only (comma-separated; default: test, test2, dev, dev2 when present
    /// and all).
    #[arg(long, value_delimiter = ',')]
    splits: Vec<String>,
    /// Print the terms the detector reads in this text (repeatable), and stop.
    #[arg(long)]
    explain: Vec<String>,
    /// Also list the misclassified pairs of this split (dev, test or all), with their terms.
    #[arg(long)]
    errors: Option<String>,
    /// Read texts with the sentence-embedding model in this folder too (vectors cached in
    /// `.qbank_cache/` of the current folder).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Rank `qbank similar`'s way (`blend`, the default) or by the cosine of the sentence
    /// vectors alone (`cosine`, "MiniLM alone"; needs --model).
    #[arg(long, value_enum, default_value_t = RankBy::Blend)]
    rank_by: RankBy,
    /// What each ranking search runs against: every text of the sets and the bank (`all`), or
    /// only the texts of the question's field (`field`, one field's bank): for a pair with a
    /// `domain` (general.yaml), every text of that domain; for a pair without (the MLOps
    /// sets), every text of the pairs without a domain plus the bank's questions.
    #[arg(long, value_enum, default_value_t = Pool::All)]
    pool: Pool,
    /// Also list, for the duplicate pairs of this split whose other question is not among the
    /// first 3 `qbank similar` shows, the texts that rank above it, with their score parts.
    #[arg(long)]
    rank_errors: Option<String>,
    /// Write every labelled pair's score parts (split, label, kind, lexical, cosine, swapped,
    /// score from words and whole meaning, the verdict's score, the two texts' positions and texts, how much of their subjects the vocabulary
    /// knows, the share of the shorter text their sentence frame makes up, each text's words
    /// outside it, and whether they share a subject it knows) to this TSV file, for tuning.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Also list the pairs flagged when this split's texts are one bank per field (see
    /// "Each split as one bank") that are not labelled duplicates, with their score parts.
    #[arg(long)]
    bank_errors: Option<String>,
    /// Write the score parts of every pair of "Each split as one bank" to this TSV file, in
    /// `--dump`'s columns: split `<split>-bank`, label `duplicate` when labels join the two
    /// texts and `distinct` otherwise, kind `labelled` or `unlabelled`.
    #[arg(long)]
    bank_dump: Option<PathBuf>,
    /// Write, for every search of the reported splits' duplicate pairs (each question against
    /// every text that competes in `--pool all`), the candidate's score parts to this TSV file
    /// (split, query, candidate, whether it is the other question, whether it is of the
    /// query's field, cosine, term score, swapped), for tuning the ranking.
    #[arg(long)]
    dump_ranking: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RankBy {
    Blend,
    Cosine,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Pool {
    All,
    Field,
}

/// The field of the MLOps sets' pairs (no `domain`) and of the bank's questions.
const MLOPS_FIELD: &str = "mlops";

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Synonyms {
    Both,
    Builtin,
    Bank,
    None,
}

#[derive(Deserialize)]
struct PairsFile {
    pairs: Vec<Labelled>,
}

#[derive(Deserialize)]
pub struct Labelled {
    pub a: String,
    pub b: String,
    pub label: String,
    pub kind: String,
    pub split: String,
    /// The kind of interview the pair belongs to (general.yaml); none for the MLOps sets.
    #[serde(default)]
    pub domain: Option<String>,
}

impl Labelled {
    pub fn duplicate(&self) -> bool {
        self.label == "duplicate"
    }
}

/// A labelled pair with its score.
struct Scored<'p> {
    pair: &'p Labelled,
    score: f32,
    shared: Vec<String>,
}

/// Counts at one threshold.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn of<'a>(scored: impl Iterator<Item = &'a Scored<'a>>, threshold: f32) -> Counts {
        let mut c = Counts::default();
        for s in scored {
            match (s.pair.duplicate(), s.score >= threshold) {
                (true, true) => c.tp += 1,
                (true, false) => c.fn_ += 1,
                (false, true) => c.fp += 1,
                (false, false) => c.tn += 1,
            }
        }
        c
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
    fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| ratio(self.tp, self.tp + self.fp))
    }
    fn f1(&self) -> f64 {
        match self.precision() {
            Some(p) if p + self.recall() > 0.0 => 2.0 * p * self.recall() / (p + self.recall()),
            _ => 0.0,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The chance that a duplicate pair scores above a distinct one (ties count half).
fn roc_auc<'a>(scored: impl Iterator<Item = &'a Scored<'a>> + Clone) -> f64 {
    let dup: Vec<f32> = scored
        .clone()
        .filter(|s| s.pair.duplicate())
        .map(|s| s.score)
        .collect();
    let dis: Vec<f32> = scored
        .filter(|s| !s.pair.duplicate())
        .map(|s| s.score)
        .collect();
    let mut wins = 0.0;
    for d in &dup {
        for n in &dis {
            wins += if d > n {
                1.0
            } else if d == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (dup.len() * dis.len()).max(1) as f64
}

/// Where text `b` ranks among the texts closest to `a` (1 = the closest), counting every other
/// text that scores at least as high against it; a pair scoring 0 ranks last.
/// Texts labelled duplicates of `a`, directly or through other texts (`same` holds each
/// text's group), do not compete: a seed question with three rewordings has three right
/// answers. Only the texts of `a`'s pool (`pool` holds each text's) compete.
fn rank_of(
    index: &qbank_text::similarity::Index<'_>,
    a: usize,
    b: usize,
    same: &[usize],
    pool: &[usize],
    by: RankBy,
) -> usize {
    // The order `qbank similar` shows (with a model, meaning and words blended), or the cosine alone.
    let rank = |x: usize, y: usize| match by {
        RankBy::Blend => index.rank_score(x, y),
        RankBy::Cosine => index.parts(x, y).semantic.unwrap_or(0.0),
    };
    let score = rank(a, b);
    if score <= 0.0 {
        return pool.iter().filter(|&&p| p == pool[a]).count();
    }
    1 + (0..index.len())
        .filter(|&j| j != a && j != b && same[j] != same[a] && pool[j] == pool[a])
        .filter(|&j| rank(a, j) >= score)
        .count()
}

/// The threshold the dev split picks: highest recall with FPR at most `max_fpr`.
fn pick_threshold(dev: &[&Scored<'_>], max_fpr: f64) -> f32 {
    let mut candidates: Vec<f32> = dev.iter().map(|s| s.score).collect();
    candidates.push(f32::INFINITY);
    candidates.sort_by(|a, b| b.total_cmp(a));
    candidates.dedup();
    let mut best = (f64::MIN, f32::INFINITY);
    for t in candidates {
        let c = Counts::of(dev.iter().copied(), t);
        if c.fpr() <= max_fpr && c.recall() > best.0 {
            best = (c.recall(), t);
        }
    }
    best.1
}

pub fn run(args: Args) -> Result<(), String> {
    let mut file = PairsFile { pairs: Vec::new() };
    for path in &args.pairs {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let part: PairsFile =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        file.pairs.extend(part.pairs);
    }

    let (topics, bank_texts) = match &args.bank {
        Some(dir) => {
            let (bank, _) = qbank_core::load_bank(dir).map_err(|e| e.to_string())?;
            let texts: Vec<String> = bank.active_texts().into_iter().map(str::to_owned).collect();
            (bank.topics, texts)
        }
        None => (Vec::new(), Vec::new()),
    };
    let vocabulary = match args.synonyms {
        Synonyms::Both => Vocabulary::from_topics(&topics),
        Synonyms::Builtin => Vocabulary::builtin(),
        Synonyms::Bank => Vocabulary::topics_only(&topics),
        Synonyms::None => Vocabulary::topics_only(&[]),
    };
    let synonym_groups: usize = topics.iter().map(|t| t.synonyms.len()).sum();
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let detector = Detector::new(vocabulary, DetectorOptions::with_threshold(threshold));

    // The corpus: every distinct text of the set, then the bank's questions.
    let started = Instant::now();
    let mut corpus: Vec<&str> = Vec::new();
    let mut position: BTreeMap<&str, usize> = BTreeMap::new();
    for t in file
        .pairs
        .iter()
        .flat_map(|p| [p.a.as_str(), p.b.as_str()])
        .chain(bank_texts.iter().map(String::as_str))
    {
        position.entry(t).or_insert_with(|| {
            corpus.push(t);
            corpus.len() - 1
        });
    }
    // Each text's field: its pairs' domain, or the MLOps field for the pairs without one and
    // the bank's questions. The pool each search runs against is one field's texts, or all.
    let mut field: Vec<Option<&str>> = vec![None; corpus.len()];
    let labelled = file.pairs.iter().flat_map(|p| {
        let f = p.domain.as_deref().unwrap_or(MLOPS_FIELD);
        [(p.a.as_str(), f), (p.b.as_str(), f)]
    });
    for (t, f) in labelled.chain(bank_texts.iter().map(|t| (t.as_str(), MLOPS_FIELD))) {
        match field[position[t]] {
            Some(g) if g != f => {
                return Err(format!("a text is in two fields, {g} and {f}: {t}"));
            }
            _ => field[position[t]] = Some(f),
        }
    }
    let fields: Vec<&str> = {
        let mut names: Vec<&str> = field.iter().flatten().copied().collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let pool: Vec<usize> = match args.pool {
        Pool::All => vec![0; corpus.len()],
        Pool::Field => field
            .iter()
            .map(|f| fields.binary_search(&f.unwrap_or(MLOPS_FIELD)).unwrap_or(0))
            .collect(),
    };
    let pool_sizes: BTreeMap<usize, usize> = pool.iter().fold(BTreeMap::new(), |mut m, &p| {
        *m.entry(p).or_default() += 1;
        m
    });
    if !args.explain.is_empty() {
        for t in &args.explain {
            let terms: Vec<String> = detector
                .vocabulary()
                .terms(t)
                .iter()
                .map(|t| {
                    format!(
                        "{}({:?}{})",
                        t.name,
                        t.class,
                        if t.example { ",example" } else { "" }
                    )
                })
                .collect();
            println!("{t}\n  {}", terms.join(" "));
        }
        return Ok(());
    }
    let detector = match &args.model {
        Some(dir) => detector.with_meaning(Some(std::sync::Arc::new(embed(dir, &corpus)?))),
        None => detector,
    };
    let index = detector.index(&corpus);
    // The phrases the labelled pairs' verdicts read, embedded at once.
    let labelled: Vec<(usize, usize)> = file
        .pairs
        .iter()
        .map(|p| (position[p.a.as_str()], position[p.b.as_str()]))
        .collect();
    index.prepare(&labelled);
    if let Some(path) = &args.dump {
        dump(path, &file.pairs, &index, &position, detector.vocabulary())?;
    }
    let scored: Vec<Scored<'_>> = file
        .pairs
        .iter()
        .map(|p| {
            let s = index.score(position[p.a.as_str()], position[p.b.as_str()]);
            Scored {
                pair: p,
                score: s.score,
                shared: s.shared,
            }
        })
        .collect();
    let per_pair = started.elapsed().as_secs_f64() * 1e6 / scored.len().max(1) as f64;

    let split = |name: &str| -> Vec<&Scored<'_>> {
        scored
            .iter()
            .filter(|s| name == "all" || s.pair.split == name)
            .collect()
    };
    let dev = split("dev");
    let dev_pick = pick_threshold(&dev, args.max_dev_fpr);

    let mut out = String::new();
    let vocab = match args.synonyms {
        Synonyms::Both => format!(
            "built-in synonym groups + the bank's topics.yaml synonyms ({synonym_groups} groups)"
        ),
        Synonyms::Builtin => "built-in synonym groups only".to_owned(),
        Synonyms::Bank => format!(
            "the bank's topics.yaml synonyms only ({synonym_groups} groups), no built-in groups"
        ),
        Synonyms::None => "no synonym groups".to_owned(),
    } + "; built-in stop words, frame phrases, light words and stemming in every case";
    let _ = writeln!(
        out,
        "# Near-duplicate detector on {}\n",
        args.pairs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let _ = writeln!(out, "- Vocabulary: {vocab}");
    let _ = writeln!(
        out,
        "- Corpus: {} texts ({} distinct texts of the set + {} active questions of the bank); term weights from the detector's fixed background",
        corpus.len(),
        corpus.len() - bank_texts.len().min(corpus.len()),
        bank_texts.len()
    );
    let _ = writeln!(
        out,
        "- Threshold: {threshold:.2}{}; the dev split alone would pick {}",
        if args.threshold.is_some() {
            " (--threshold)"
        } else {
            " (the detector's default)"
        },
        if dev_pick.is_finite() {
            let c = Counts::of(dev.iter().copied(), dev_pick);
            format!(
                "{dev_pick:.3} (highest dev recall with dev FPR ≤ {:.0}%: dev recall {:.3}, dev FPR {:.3})",
                args.max_dev_fpr * 100.0,
                c.recall(),
                c.fpr()
            )
        } else {
            "nothing: no threshold keeps dev FPR low enough".to_owned()
        }
    );
    let _ = writeln!(out, "- Time: {per_pair:.1} µs per pair (indexing the corpus and scoring every pair, divided by the pairs)\n");

    let _ = writeln!(out, "## Results at threshold {threshold:.2}\n");
    let _ = writeln!(
        out,
        "| split | pairs | precision | recall | FPR on distinct | F1 | TP | FP | FN | ROC AUC |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    let splits: Vec<&str> = if args.dev_only {
        vec!["dev"]
    } else if !args.splits.is_empty() {
        args.splits.iter().map(String::as_str).collect()
    } else {
        ["test", "test2", "test3", "dev", "dev2", "dev3", "all"]
            .into_iter()
            .filter(|&n| n == "all" || file.pairs.iter().any(|p| p.split == n))
            .collect()
    };
    let hidden = |name: &str| !splits.contains(&name);
    for &name in &splits {
        let s = split(name);
        let c = Counts::of(s.iter().copied(), threshold);
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {} | {} | {} | {:.3} |",
            s.len(),
            c.precision().map_or("—".to_owned(), |p| format!("{p:.3}")),
            c.recall(),
            c.fpr(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_,
            roc_auc(s.iter().copied())
        );
    }

    let _ = writeln!(out, "\n### By kind (pairs flagged / pairs)\n");
    let kinds = ["seed", "reworded", "template", "topical"];
    let _ = writeln!(
        out,
        "| split | seed (duplicate) | reworded (duplicate) | template (distinct) | topical (distinct) |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for &name in &splits {
        let s = split(name);
        let cells: Vec<String> = kinds
            .iter()
            .map(|k| {
                let of_kind: Vec<_> = s.iter().filter(|x| x.pair.kind == *k).collect();
                let flagged = of_kind.iter().filter(|x| x.score >= threshold).count();
                format!("{flagged}/{}", of_kind.len())
            })
            .collect();
        let _ = writeln!(out, "| {name} | {} |", cells.join(" | "));
    }

    // What a reviewer sees who asks for the questions closest to one of a duplicate pair
    // (`qbank similar`): where the other one ranks among every text of the corpus.
    let _ = writeln!(
        out,
        "\n### Ranking: the other question of a duplicate pair among the closest ones\n"
    );
    let against = match args.pool {
        Pool::All => format!("all {} texts of the corpus", corpus.len()),
        Pool::Field => format!(
            "the texts of its field only (--pool field: {})",
            fields
                .iter()
                .enumerate()
                .map(|(i, f)| format!("{f} {}", pool_sizes.get(&i).copied().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let _ = writeln!(
        out,
        "Each question of a duplicate pair is compared with {against}; the \
         share of pairs whose other question is among the first k (ties counted against it, \
         both directions averaged; texts labelled duplicates of the question, directly or through others, do not compete). A lower bound: the corpus holds rewordings of one question that no pair links (\"What is data drift?\" and \"Can you discuss an experience you have had with data drift…\"), and each of them that ranks first pushes the labelled partner down.\n"
    );
    let _ = writeln!(
        out,
        "| split | duplicate pairs | first 1 | first 3 | first 5 | first 10 |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    // Texts joined by duplicate labels, directly or through others, ask one thing.
    let mut group: Vec<usize> = (0..corpus.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for p in file.pairs.iter().filter(|p| p.duplicate()) {
        let (a, b) = (position[p.a.as_str()], position[p.b.as_str()]);
        let (a, b) = (root(&mut group, a), root(&mut group, b));
        group[a.max(b)] = a.min(b);
    }
    let same: Vec<usize> = (0..corpus.len()).map(|i| root(&mut group, i)).collect();
    for &name in &splits {
        let duplicates: Vec<&Scored<'_>> = split(name)
            .into_iter()
            .filter(|s| s.pair.duplicate())
            .collect();
        if duplicates.is_empty() {
            continue;
        }
        let ranks: Vec<usize> = duplicates
            .iter()
            .flat_map(|s| {
                let (a, b) = (position[s.pair.a.as_str()], position[s.pair.b.as_str()]);
                [
                    rank_of(&index, a, b, &same, &pool, args.rank_by),
                    rank_of(&index, b, a, &same, &pool, args.rank_by),
                ]
            })
            .collect();
        let within =
            |k: usize| ranks.iter().filter(|&&r| r <= k).count() as f64 / ranks.len() as f64;
        let _ = writeln!(
            out,
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            duplicates.len(),
            within(1),
            within(3),
            within(5),
            within(10)
        );
    }

    if let Some(path) = &args.dump_ranking {
        let mut tsv =
            String::from("split\tquery\tcandidate\tpartner\tfield\tcosine\toverlap\tswapped\n");
        for p in file
            .pairs
            .iter()
            .filter(|p| p.duplicate() && splits.contains(&p.split.as_str()))
        {
            let (a, b) = (position[p.a.as_str()], position[p.b.as_str()]);
            for (x, y) in [(a, b), (b, a)] {
                for j in (0..index.len()).filter(|&j| j != x && (j == y || same[j] != same[x])) {
                    let parts = index.parts(x, j);
                    let _ = writeln!(
                        tsv,
                        "{}\t{x}\t{j}\t{}\t{}\t{:.5}\t{:.5}\t{}",
                        p.split,
                        u8::from(j == y),
                        u8::from(field[j] == field[x]),
                        parts.semantic.unwrap_or(0.0),
                        parts.overlap,
                        u8::from(parts.swapped)
                    );
                }
            }
        }
        std::fs::write(path, tsv).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    if let Some(which) = &args.rank_errors {
        let _ = writeln!(out, "\n## Duplicates not among the first 3 ({which})\n");
        let show = |a: usize, j: usize| {
            let p = index.parts(a, j);
            format!(
                "rank {:.3} lex {:.3} cos {} swap {} | {}",
                index.rank_score(a, j),
                p.lexical,
                p.semantic.map_or("-".to_owned(), |c| format!("{c:.3}")),
                u8::from(p.swapped),
                corpus[j]
            )
        };
        for s in split(which).into_iter().filter(|s| s.pair.duplicate()) {
            let (a, b) = (position[s.pair.a.as_str()], position[s.pair.b.as_str()]);
            for (x, y) in [(a, b), (b, a)] {
                let r = rank_of(&index, x, y, &same, &pool, args.rank_by);
                if r <= 3 {
                    continue;
                }
                let _ = writeln!(out, "- rank {r}: {}\n  - want: {}", corpus[x], show(x, y));
                let mut above: Vec<(usize, f32)> = (0..index.len())
                    .filter(|&j| j != x && j != y && same[j] != same[x] && pool[j] == pool[x])
                    .map(|j| (j, index.rank_score(x, j)))
                    .collect();
                above.sort_by(|p, q| q.1.total_cmp(&p.1));
                for &(j, _) in above.iter().take(3) {
                    let _ = writeln!(out, "  - above: {}", show(x, j));
                }
            }
        }
    }

    let bank_rows = bank_section(
        &mut out,
        &BankPairs {
            pairs: &file.pairs,
            corpus: &corpus,
            position: &position,
            field: &field,
            same: &same,
            detector: &detector,
            vocabulary: detector.vocabulary(),
            threshold,
        },
        &splits,
        args.bank_errors.as_deref(),
        args.bank_dump.is_some(),
    );
    if let Some(path) = &args.bank_dump {
        write_dump(path, &bank_rows)?;
    }

    let _ = writeln!(out, "\n## Threshold sweep on dev\n");
    let _ = writeln!(
        out,
        "| threshold | dev recall | dev FPR | test recall | test FPR |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    let test = split("test");
    for step in 4..=16 {
        let t = step as f32 * 0.05;
        let d = Counts::of(dev.iter().copied(), t);
        let x = Counts::of(test.iter().copied(), t);
        let (test_recall, test_fpr) = if hidden("test") {
            ("—".to_owned(), "—".to_owned())
        } else {
            (format!("{:.3}", x.recall()), format!("{:.3}", x.fpr()))
        };
        let _ = writeln!(
            out,
            "| {t:.2} | {:.3} | {:.3} | {test_recall} | {test_fpr} |",
            d.recall(),
            d.fpr(),
        );
    }

    if let Some(which) = &args.errors {
        if hidden(which) {
            return Err(format!(
                "--errors {which}: that split is not among the splits reported"
            ));
        }
        let _ = writeln!(out, "\n## Misclassified pairs ({which})\n");
        let mut wrong: Vec<&Scored<'_>> = split(which)
            .into_iter()
            .filter(|s| s.pair.duplicate() != (s.score >= threshold))
            .collect();
        wrong.sort_by(|a, b| b.score.total_cmp(&a.score));
        for s in wrong {
            let terms = |t: &str| {
                index
                    .terms(position[t])
                    .iter()
                    .map(|(n, w)| format!("{n}:{w:.1}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                out,
                "- {:.3} {} {} shared [{}]\n  - {}\n    [{}]\n  - {}\n    [{}]",
                s.score,
                s.pair.label,
                s.pair.kind,
                s.shared.join(", "),
                s.pair.a,
                terms(&s.pair.a),
                s.pair.b,
                terms(&s.pair.b)
            );
        }
    }
    print!("{out}");
    Ok(())
}

/// What "each split as one bank" reads.
struct BankPairs<'a> {
    pairs: &'a [Labelled],
    corpus: &'a [&'a str],
    position: &'a BTreeMap<&'a str, usize>,
    field: &'a [Option<&'a str>],
    /// Each text's group of texts joined by duplicate labels.
    same: &'a [usize],
    detector: &'a Detector,
    vocabulary: &'a qbank_text::similarity::Vocabulary,
    threshold: f32,
}

/// The lint on a bank: every pair of a split's texts within one field (a team's bank holds one
/// field's questions), not only the labelled ones. A flagged pair is a duplicate when labels
/// join its two texts (directly or through others); labelled distinct; or unlabelled, which a
/// reader of the set would mostly call distinct (the MLOps sets hold some rewordings no label
/// joins, so there precision is a lower bound). Texts of one split only, so that tuning on the
/// dev splits never reads a test text.
/// Returns, when `rows`, those pairs as `--bank-dump` writes them ([`dump_row`]).
fn bank_section(
    out: &mut String,
    b: &BankPairs<'_>,
    splits: &[&str],
    errors: Option<&str>,
    rows: bool,
) -> String {
    let mut dumped = String::new();
    let distinct: std::collections::HashSet<(usize, usize)> = b
        .pairs
        .iter()
        .filter(|p| !p.duplicate())
        .map(|p| {
            let (x, y) = (b.position[p.a.as_str()], b.position[p.b.as_str()]);
            (x.min(y), x.max(y))
        })
        .collect();
    let _ = writeln!(
        out,
        "\n### Each split as one bank: every pair of its texts within a field\n\n\
         | split | texts | pairs | flagged | duplicates flagged / joined | labelled distinct flagged | unlabelled flagged | precision |\n\
         |---|---|---|---|---|---|---|---|"
    );
    let mut listed = String::new();
    for &name in splits.iter().filter(|&&n| n != "all") {
        let mut texts: Vec<usize> = b
            .pairs
            .iter()
            .filter(|p| p.split == name)
            .flat_map(|p| [b.position[p.a.as_str()], b.position[p.b.as_str()]])
            .collect();
        texts.sort_unstable();
        texts.dedup();
        // One bank per field, indexed alone: a pair's verdict reads the bank it is linted in
        // (which texts are each other's nearest by meaning).
        let mut fields: Vec<Option<&str>> = texts.iter().map(|&x| b.field[x]).collect();
        fields.sort_unstable();
        fields.dedup();
        let (mut joined, mut found, mut labelled, mut unlabelled) = (0, 0, 0, 0);
        let mut all_pairs = 0;
        for f in fields {
            let members: Vec<usize> = texts.iter().copied().filter(|&x| b.field[x] == f).collect();
            let bank: Vec<&str> = members.iter().map(|&x| b.corpus[x]).collect();
            let index = b.detector.index(&bank);
            let local: Vec<(usize, usize)> = (0..members.len())
                .flat_map(|i| (i + 1..members.len()).map(move |j| (i, j)))
                .collect();
            index.prepare(&local);
            all_pairs += local.len();
            for &(i, j) in &local {
                let (x, y) = (members[i], members[j]);
                let duplicate = b.same[x] == b.same[y];
                joined += usize::from(duplicate);
                // `members` is in corpus order, so `x < y`.
                let is_labelled = distinct.contains(&(x, y));
                let s = index.score(i, j);
                if rows {
                    let pair = Labelled {
                        a: b.corpus[x].to_owned(),
                        b: b.corpus[y].to_owned(),
                        label: if duplicate { "duplicate" } else { "distinct" }.to_owned(),
                        kind: if duplicate || is_labelled {
                            "labelled"
                        } else {
                            "unlabelled"
                        }
                        .to_owned(),
                        split: format!("{name}-bank"),
                        domain: None,
                    };
                    dump_row(
                        &mut dumped,
                        &pair,
                        &index,
                        (i, j),
                        (x, y),
                        s.score,
                        b.vocabulary,
                    );
                }
                if s.score < b.threshold {
                    continue;
                }
                if duplicate {
                    found += 1;
                    continue;
                }
                if is_labelled {
                    labelled += 1;
                } else {
                    unlabelled += 1;
                }
                if errors == Some(name) {
                    let parts = index.parts(i, j);
                    let _ = writeln!(
                        listed,
                        "- {:.3} {} cos {} known {:.2} meaning {} shared [{}]\n  - {}\n  - {}",
                        s.score,
                        if is_labelled {
                            "distinct"
                        } else {
                            "unlabelled"
                        },
                        s.semantic.map_or("-".to_owned(), |c| format!("{c:.3}")),
                        parts.known,
                        u8::from(s.by_meaning),
                        s.shared.join(", "),
                        b.corpus[x],
                        b.corpus[y]
                    );
                }
            }
        }
        let flagged = found + labelled + unlabelled;
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {flagged} | {found} / {joined} | {labelled} | {unlabelled} | {} |",
            texts.len(),
            all_pairs,
            if flagged == 0 {
                "—".to_owned()
            } else {
                format!("{:.3}", found as f64 / flagged as f64)
            }
        );
    }
    if let Some(name) = errors {
        let _ = writeln!(
            out,
            "\n#### Flagged, not labelled duplicates ({name})\n\n{listed}"
        );
    }
    dumped
}

/// The sentence vectors of `texts` by the model in `dir`, through the cache in `.qbank_cache/`.
fn embed(
    dir: &std::path::Path,
    texts: &[&str],
) -> Result<qbank_text::similarity::Embeddings, String> {
    let (cache, id, dim) = cached(dir, texts)?;
    let mut meaning = qbank_text::similarity::Embeddings::new(id, dim);
    for t in texts {
        if let Some(v) = cache.get(t) {
            meaning.insert(t, v.to_vec());
        }
    }
    // The phrases a verdict reads (what two texts do not share), through the same cache.
    let dir = dir.to_path_buf();
    Ok(meaning.with_embedder(qbank_text::similarity::Embedder::new(
        move |phrases| match cached(&dir, phrases) {
            Ok((cache, _, _)) => phrases
                .iter()
                .map(|p| cache.get(p).map(<[f32]>::to_vec).unwrap_or_default())
                .collect(),
            Err(e) => {
                eprintln!("cannot embed the phrases: {e}");
                Vec::new()
            }
        },
    )))
}

/// The cache in `.qbank_cache/` for the model in `dir`, holding a vector of every one of
/// `texts` (the missing ones embedded and saved), with the model's id and dimension.
pub(crate) fn cached(
    dir: &std::path::Path,
    texts: &[&str],
) -> Result<(qbank_embed::Cache, String, usize), String> {
    let id = qbank_embed::fingerprint(dir).map_err(|e| e.to_string())?;
    let model = qbank_embed::Model::load(dir).map_err(|e| e.to_string())?;
    let mut cache = qbank_embed::Cache::open(std::path::Path::new("."), &id, model.dim());
    let missing: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| cache.get(t).is_none())
        .collect();
    if !missing.is_empty() {
        eprintln!("embedding {} texts", missing.len());
        let vectors = model
            .embed(&missing, &mut |_| {})
            .map_err(|e| e.to_string())?;
        for (t, v) in missing.iter().zip(vectors) {
            cache.insert(t, v);
        }
        cache.save().map_err(|e| e.to_string())?;
    }
    Ok((cache, id, model.dim()))
}

/// Writes the score parts of every labelled pair as TSV (see `--dump`).
fn dump(
    path: &std::path::Path,
    pairs: &[Labelled],
    index: &qbank_text::similarity::Index<'_>,
    position: &BTreeMap<&str, usize>,
    vocabulary: &qbank_text::similarity::Vocabulary,
) -> Result<(), String> {
    let mut rows = String::new();
    for p in pairs {
        let ids = (position[p.a.as_str()], position[p.b.as_str()]);
        let score = index.score(ids.0, ids.1).score;
        dump_row(&mut rows, p, index, ids, ids, score, vocabulary);
    }
    write_dump(path, &rows)
}

/// Writes `rows` ([`dump_row`]) under the TSV header of `--dump`.
fn write_dump(path: &std::path::Path, rows: &str) -> Result<(), String> {
    let out = format!(
        "split\tlabel\tkind\tlexical\tcosine\tswapped\tscore\tverdict\ta\tb\ttext_a\ttext_b\tknown\tframe\tresidual_a\tresidual_b\tshares_known_subject\n{rows}"
    );
    std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// One row of `--dump`: the pair `p`, texts `i` and `j` of `index`, named `a` and `b` (their
/// places in the corpus), whose verdict's score is `verdict`.
fn dump_row(
    out: &mut String,
    p: &Labelled,
    index: &qbank_text::similarity::Index<'_>,
    (i, j): (usize, usize),
    (a, b): (usize, usize),
    verdict: f32,
    vocabulary: &qbank_text::similarity::Vocabulary,
) {
    // The texts on one line each, for measurements that read them (`residual.py`).
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts = index.parts(i, j);
    let residual = vocabulary.residual(&p.a, &p.b);
    let _ = writeln!(
        out,
        "{}\t{}\t{}\t{:.5}\t{}\t{}\t{:.5}\t{verdict:.5}\t{a}\t{b}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}\t{}",
        p.split,
        p.label,
        p.kind,
        parts.lexical,
        parts.semantic.map_or("".to_owned(), |c| format!("{c:.5}")),
        u8::from(parts.swapped),
        parts.blended,
        flat(&p.a),
        flat(&p.b),
        parts.known,
        residual.frame,
        residual.a,
        residual.b,
        u8::from(parts.shares_known_subject),
    );
}
