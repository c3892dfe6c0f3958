//! `bench-near-duplicates`: time the near-duplicate detector on synthetic banks of growing
//! size, and count the candidate pairs its index scores against the n·(n−1)/2 an all-pairs
//! comparison would.
//!
//! The texts are made here rather than by `gen-bank`, whose questions come from eight sentence
//! templates and fifty-six subjects: at 100,000 questions most of them are true near
//! duplicates of hundreds of others, which measures the size of the answer rather than the
//! cost of finding it. These texts are built like a real bank grows: interview sentence frames
//! around subjects drawn from a vocabulary that grows with the bank (Heaps' law, drawn with a
//! Zipf skew), with MLOps terms mixed in, and one question in a hundred a rewording of an
//! earlier one (another frame, the words reordered, a synonym swapped). How many of those
//! planted pairs the detector finds is printed too.
//!
//! With `--write DIR`, each bank is also written as YAML files to `DIR/<n>/` so that
//! `qbank lint` can be timed on it.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use qbank_text::similarity::{Detector, DetectorOptions, Vocabulary};

use crate::rng::Rng;

#[derive(clap::Args)]
pub struct Args {
    /// Bank sizes to measure.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    questions: Vec<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write each bank to DIR/<n>/ (with topics.yaml) for timing `qbank lint`.
    #[arg(long)]
    write: Option<PathBuf>,
    /// Times to run each measurement; the best is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

const FRAMES: &[&str] = &[
    "How do you {s}?",
    "How would you {s}?",
    "Tell me about a time you had to {s}.",
    "Walk me through how you {s}.",
    "Can you discuss an experience you have had when you had to {s}?",
    "What goes wrong when teams {s}, and how do you prevent it?",
    "What is your approach when you need to {s}?",
    "Describe how you would {s} in a new team.",
    "What did you learn the last time you had to {s}?",
    "Which tools do you use to {s}?",
];

const VERBS: &[&str] = &[
    "monitor",
    "version",
    "test",
    "deploy",
    "scale",
    "secure",
    "debug",
    "document",
    "migrate",
    "cache",
    "validate",
    "retrain",
    "audit",
    "benchmark",
    "roll back",
    "label",
    "schedule",
    "profile",
    "shard",
    "replicate",
    "encrypt",
    "compress",
    "explain",
    "evaluate",
    "tune",
];

const MLOPS: &[&str] = &[
    "the feature store",
    "the model registry",
    "a canary release",
    "a shadow deployment",
    "data drift",
    "concept drift",
    "the training pipeline",
    "batch inference",
    "online inference",
    "GPU utilisation",
    "training-serving skew",
    "an A/B test",
    "hyperparameter tuning",
    "the experiment tracker",
    "data lineage",
    "a model card",
    "the Kubernetes cluster",
    "k8s jobs",
    "the CI/CD pipeline",
    "infrastructure as code",
    "the inference endpoint",
    "p99 latency",
    "spot instances",
    "a blue-green deployment",
];

/// Syllables for made-up subject words (product names, services, data sets, libraries).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ter", "vex", "dra", "no", "pul", "si", "zan", "qua", "ri", "bel", "tor",
    "fen", "gu", "ho", "jex", "mor", "plo", "sta", "tri", "ul", "wen", "yo", "zir", "cra", "dun",
];

fn pseudo_word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            break;
        }
    }
    w
}

/// A question of the synthetic bank: its text, and the index of the question it rewords.
struct Synthetic {
    text: String,
    rewords: Option<usize>,
}

fn generate(n: usize, seed: u64) -> Vec<Synthetic> {
    let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // Heaps' law for about 15 words a question: V ≈ 30·(15·n)^0.55 distinct words.
    let vocabulary = (30.0 * (15.0 * n as f64).powf(0.55)) as usize;
    let mut out: Vec<Synthetic> = Vec::with_capacity(n);
    let mut subjects: Vec<(String, String, String)> = Vec::with_capacity(n);
    for i in 0..n {
        if i > 10 && rng.below(100) == 0 {
            // A rewording of an earlier question: another frame, its object and context
            // swapped around, k8s and Kubernetes, utilisation and utilization exchanged.
            let j = rng.below(i);
            let (verb, object, context) = subjects[j].clone();
            let object = object
                .replace("the Kubernetes cluster", "the k8s cluster")
                .replace("GPU utilisation", "GPU utilization")
                .replace("training-serving skew", "train/serve skew");
            let s = format!("{verb} {context} {object}");
            let frame = rng.pick(FRAMES);
            out.push(Synthetic {
                text: frame.replace("{s}", &s),
                rewords: Some(j),
            });
            subjects.push(subjects[j].clone());
            continue;
        }
        let verb = rng.pick(VERBS).to_owned();
        let object = if rng.below(3) == 0 {
            rng.pick(MLOPS).to_owned()
        } else {
            format!(
                "the {} {}",
                pseudo_word(rng.zipf(vocabulary)),
                pseudo_word(rng.zipf(vocabulary))
            )
        };
        let context = format!(
            "for the {} {} service",
            pseudo_word(rng.zipf(vocabulary)),
            pseudo_word(rng.zipf(vocabulary))
        );
        let s = format!("{verb} {object} {context}");
        out.push(Synthetic {
            text: rng.pick(FRAMES).replace("{s}", &s),
            rewords: None,
        });
        subjects.push((verb, object, context));
    }
    out
}

fn write_bank(dir: &std::path::Path, bank: &[Synthetic]) -> std::io::Result<()> {
    fs::create_dir_all(dir.join("q"))?;
    fs::write(
        dir.join("topics.yaml"),
        "# yaml-language-server: $schema=../schema/topics.schema.json\ntopics:\n  - id: synthetic\n    title: Synthetic questions\n    synonyms:\n      - [GPU utilization, how busy the accelerators are]\n",
    )?;
    for (i, q) in bank.iter().enumerate() {
        let id = format!("q{i:06}");
        let mut file = String::with_capacity(300);
        let _ = write!(
            file,
            "# yaml-language-server: $schema=../../schema/question.schema.json\nid: {id}\ntext: \"{}\"\ntopic: synthetic\nlevels: [mid]\nkind: concept\n",
            q.text
        );
        fs::write(dir.join("q").join(format!("{id}.yaml")), file)?;
    }
    Ok(())
}

pub fn run(args: Args) -> Result<(), String> {
    let detector = Detector::new(Vocabulary::builtin(), DetectorOptions::default());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| questions | index (read + weigh) | find pairs | total | candidate pairs scored | all pairs n(n−1)/2 | share scored | pairs found | planted rewordings found |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for &n in &args.questions {
        let bank = generate(n, args.seed);
        if let Some(dir) = &args.write {
            let at = dir.join(n.to_string());
            write_bank(&at, &bank).map_err(|e| format!("cannot write {}: {e}", at.display()))?;
        }
        let texts: Vec<&str> = bank.iter().map(|q| q.text.as_str()).collect();
        let mut best = (f64::MAX, f64::MAX);
        let mut result = None;
        for _ in 0..args.runs.max(1) {
            let started = Instant::now();
            let index = detector.index(&texts);
            let indexed = started.elapsed().as_secs_f64();
            let (pairs, candidates) = index.near_duplicates_counted();
            let total = started.elapsed().as_secs_f64();
            if total < best.0 + best.1 {
                best = (indexed, total - indexed);
            }
            result = Some((pairs, candidates));
        }
        let (pairs, candidates) = result.expect("at least one run");
        let found: std::collections::HashSet<(usize, usize)> =
            pairs.iter().map(|p| (p.first(), p.second())).collect();
        let planted: Vec<(usize, usize)> = bank
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.rewords.map(|j| (j, i)))
            .collect();
        let planted_found = planted.iter().filter(|p| found.contains(p)).count();
        let all = n as f64 * (n as f64 - 1.0) / 2.0;
        let _ = writeln!(
            out,
            "| {n} | {:.3} s | {:.3} s | {:.3} s | {candidates} | {all:.0} | {:.4}% | {} | {planted_found}/{} |",
            best.0,
            best.1,
            best.0 + best.1,
            100.0 * candidates as f64 / all.max(1.0),
            pairs.len(),
            planted.len()
        );
    }
    print!("{out}");
    Ok(())
}
