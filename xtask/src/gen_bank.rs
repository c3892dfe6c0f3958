//! A synthetic bank for benchmarks: realistic sizes and shapes, deterministic for a seed.
//!
//! With `--paraphrases N`, N of the questions are rewordings of earlier ones (another sentence
//! frame, a synonym of the subject, the scene put in front, reworded or dropped; the frames and
//! synonyms are in `xtask/data/rewordings.yaml`). With `--vary-scenes`, each scene and named
//! system is written in one of several phrasings of the same meaning. Either option also writes
//! the ground truth next to the bank's folders: `questions.tsv` (each question's template,
//! subject and scene, and the question it rewords) and `pairs.tsv` (the planted pairs), for
//! `xtask eval-gen-bank`. Without them the bank is what gen-bank always wrote, byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::rng::Rng;

const TOPICS: &[(&str, &str)] = &[
    ("mlops-practice", "MLOps practice and culture"),
    ("deployment", "Deployment and release strategies"),
    ("versioning", "Versioning and reproducibility"),
    ("data-pipelines", "Data pipelines and feature stores"),
    ("monitoring", "Monitoring, drift and retraining"),
    (
        "experimentation",
        "Experimentation, tuning and model quality",
    ),
    ("infrastructure", "Infrastructure and orchestration"),
    ("governance", "Governance, explainability and fairness"),
    ("performance", "Performance, cost and scale"),
    ("platform-leadership", "ML platform design and leadership"),
];

const SUBJECTS: &[&str] = &[
    "feature store",
    "model registry",
    "canary release",
    "shadow deployment",
    "data drift",
    "concept drift",
    "training pipeline",
    "batch inference",
    "online inference",
    "GPU scheduling",
    "model explainability",
    "bias audit",
    "data lineage",
    "experiment tracking",
    "A/B test",
    "hyperparameter search",
    "model compression",
    "quantization",
    "autoscaling",
    "cost allocation",
    "data labeling",
    "schema validation",
    "feature backfill",
    "model rollback",
    "blue-green release",
    "dark launch",
    "edge deployment",
    "serverless inference",
    "Kubernetes operator",
    "batch scoring",
    "streaming features",
    "retraining trigger",
    "alert fatigue",
    "SLO definition",
    "incident review",
    "access control",
    "PII masking",
    "audit logging",
    "model card",
    "data contract",
    "unit tests for pipelines",
    "integration tests",
    "load testing",
    "latency budget",
    "caching",
    "vector index",
    "embedding store",
    "LLM evaluation",
    "prompt versioning",
    "fine-tuning job",
];

const CONTEXTS: &[&str] = &[
    "for a fraud model",
    "in a regulated bank",
    "for a recommender system",
    "at a startup",
    "across many teams",
    "with a small team",
    "on a tight budget",
    "for real-time pricing",
    "for a search ranking model",
    "in a hospital",
    "for demand forecasting",
    "in a multi-cloud setup",
    "for an ad-click model",
    "on mobile devices",
    "for a credit-risk model",
    "with strict latency SLOs",
    "after a reorganisation",
    "during a migration",
    "for a chatbot",
    "for computer vision at the edge",
];

const TEMPLATES: &[&str] = &[
    "How would you design {s} {c}?",
    "Walk me through how you operated {s} {c}.",
    "What can go wrong with {s} {c}, and how do you detect it?",
    "How do you decide between {s} and {t} {c}?",
    "Tell me about a time you introduced {s} {c}. What did you measure?",
    "How do you test {s} before it reaches production {c}?",
    "Which metrics tell you that {s} is healthy {c}?",
    "How would you migrate from {t} to {s} {c} without downtime?",
];

const LEVELS: &[&str] = &[
    "[junior, mid]",
    "[mid]",
    "[mid, senior]",
    "[senior]",
    "[senior, staff]",
];
const KINDS: &[&str] = &["concept", "experience", "tooling", "scenario", "behavioral"];

const SYSTEM_KINDS: &[&str] = &[
    "service",
    "pipeline",
    "platform",
    "ranking system",
    "feature store",
];

/// `xtask/data/rewordings.yaml`: how planted questions are reworded and scenes rephrased.
#[derive(Deserialize)]
pub(crate) struct Rewordings {
    /// Per template, other sentences asking the same thing.
    frames: Vec<Vec<String>>,
    /// Other names of a subject.
    subjects: BTreeMap<String, Vec<String>>,
    /// Other phrasings of a scene.
    scenes: BTreeMap<String, Vec<String>>,
    /// Phrasings of the named system; the first is gen-bank's own.
    systems: Vec<String>,
}

impl Rewordings {
    pub(crate) fn load() -> Result<Rewordings, String> {
        let r: Rewordings = serde_yaml::from_str(include_str!("../data/rewordings.yaml"))
            .map_err(|e| format!("xtask/data/rewordings.yaml: {e}"))?;
        if r.frames.len() != TEMPLATES.len() || r.frames.iter().any(|f| f.is_empty()) {
            return Err("xtask/data/rewordings.yaml: one list of frames per template".into());
        }
        if let Some(scene) = r.scenes.keys().find(|k| !CONTEXTS.contains(&k.as_str())) {
            return Err(format!(
                "xtask/data/rewordings.yaml: unknown scene {scene:?}"
            ));
        }
        if let Some(s) = r.subjects.keys().find(|k| !SUBJECTS.contains(&k.as_str())) {
            return Err(format!("xtask/data/rewordings.yaml: unknown subject {s:?}"));
        }
        if r.systems.is_empty() {
            return Err("xtask/data/rewordings.yaml: no systems".into());
        }
        Ok(r)
    }
    /// The phrasings of scene `c`, gen-bank's own first.
    fn scene_phrasings(&self, c: usize) -> Vec<&str> {
        let mut all = vec![CONTEXTS[c]];
        if let Some(more) = self.scenes.get(CONTEXTS[c]) {
            all.extend(more.iter().map(String::as_str));
        }
        all
    }
    /// Subject `s`, or one of its other names half of the time.
    fn subject<'a>(&'a self, s: usize, rng: &mut Rng) -> &'a str {
        match self.subjects.get(SUBJECTS[s]) {
            Some(names) if !names.is_empty() && rng.below(2) == 0 => &names[rng.below(names.len())],
            _ => SUBJECTS[s],
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Options {
    pub questions: usize,
    pub seed: u64,
    pub adopted: bool,
    pub paraphrases: usize,
    pub vary_scenes: bool,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut questions: Option<usize> = None;
    let mut seed = 1u64;
    let mut adopted = false;
    let mut paraphrases = 0usize;
    let mut vary_scenes = false;
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--questions" => {
                questions = Some(
                    it.next()
                        .and_then(|v| v.parse().ok())
                        .ok_or("--questions takes a number")?,
                )
            }
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--paraphrases" => {
                paraphrases = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--paraphrases takes a number")?
            }
            "--adopted" => adopted = true,
            "--vary-scenes" => vary_scenes = true,
            other if !other.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let n = questions.ok_or("--questions N is required")?;
    if paraphrases > n / 2 {
        return Err(format!(
            "--paraphrases {paraphrases}: at most half of the {n} questions can be rewordings"
        ));
    }
    let dir = dir.ok_or("the output folder is required")?;
    if dir.exists()
        && fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .next()
            .is_some()
    {
        return Err(format!("{} exists and is not empty", dir.display()));
    }
    let options = Options {
        questions: n,
        seed,
        adopted,
        paraphrases,
        vary_scenes,
    };
    generate(options, &dir).map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

/// What an original question was made of, for the rewordings of it.
struct Source {
    id: String,
    template: usize,
    subject: usize,
    other: usize,
    scene: usize,
    /// The scene as the question says it (its phrasing and the named system).
    scale: String,
    /// The scene's phrasing alone.
    phrasing: String,
    name: String,
    kind: &'static str,
    models: u64,
}

/// Writes the bank. `adopted`: as a bank written elsewhere arrives, with a finding on every
/// file: no schema modeline anywhere (the same files otherwise, so that the two banks of one
/// seed can be linted side by side).
pub(crate) fn generate(o: Options, dir: &Path) -> std::io::Result<()> {
    let rewordings = if o.paraphrases > 0 || o.vary_scenes {
        Some(Rewordings::load().map_err(std::io::Error::other)?)
    } else {
        None
    };
    let mut rng = Rng::new(o.seed);
    // Rewordings and scene phrasings draw from streams of their own, so that the original
    // questions are the same whatever is planted among them.
    let mut plant = Rng::new(o.seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut phrase = Rng::new(o.seed ^ 0x5851_f42d_4c95_7f2d);
    let modeline = |schema: &str| {
        if o.adopted {
            String::new()
        } else {
            format!("# yaml-language-server: $schema={schema}\n")
        }
    };
    fs::create_dir_all(dir.join("kits"))?;
    let mut topics = modeline("../schema/topics.schema.json") + "topics:\n";
    for (id, title) in TOPICS {
        fs::create_dir_all(dir.join(id))?;
        let _ = write!(
            topics,
            "  - id: {id}\n    title: {title}\n    description: Synthetic topic for benchmarks.\n    coverage: {{junior: 1, mid: 2, senior: 2}}\n"
        );
    }
    fs::write(dir.join("topics.yaml"), topics)?;
    fs::write(
        dir.join("kits/synthetic.yaml"),
        modeline("../../schema/kit.schema.json") + "title: Synthetic interview\nrole: MLOps Engineer\nlevel: mid\nduration_minutes: 60\nseed: 1\nsections:\n  - title: Deployment\n    topic: deployment\n    count: 3\n  - title: Monitoring\n    topic: monitoring\n    count: 3\n",
    )?;
    let question_modeline = modeline("../../schema/question.schema.json");
    // Where the rewordings go: never first, so that each has an earlier question to reword.
    let mut planted_at = BTreeSet::new();
    while planted_at.len() < o.paraphrases {
        planted_at.insert(1 + plant.below(o.questions - 1));
    }
    let mut sources: Vec<Source> = Vec::new();
    let mut truth = String::from("id\ttemplate\tsubject\tscene\tplanted_from\n");
    let mut pairs = String::from("planted\tsource\n");
    for i in 0..o.questions {
        let (topic, _) = TOPICS[i % TOPICS.len()];
        if planted_at.contains(&i) {
            let r = rewordings.as_ref().expect("loaded for --paraphrases");
            let src = &sources[plant.below(sources.len())];
            let text = reword(r, src, &mut plant);
            let id = format!("q{i:06}-{}", slug(SUBJECTS[src.subject]));
            let body = question(
                &question_modeline,
                &id,
                &text,
                topic,
                SUBJECTS[src.subject],
                SUBJECTS[src.other],
                &mut plant,
            );
            fs::write(dir.join(topic).join(format!("{id}.yaml")), body)?;
            let _ = writeln!(
                truth,
                "{id}\t{}\t{}\t{}\t{}",
                src.template, src.subject, src.scene, src.id
            );
            let _ = writeln!(pairs, "{id}\t{}", src.id);
            continue;
        }
        let si = rng.below(SUBJECTS.len());
        let ti = rng.below(SUBJECTS.len());
        let ci = rng.below(CONTEXTS.len());
        let (s, t) = (SUBJECTS[si], SUBJECTS[ti]);
        // A named system makes each question about something of its own, as in a real bank
        // (questions that differ only in a number would all be near-duplicates of each other).
        let system_name = name(&mut rng);
        let kind = rng.pick(SYSTEM_KINDS);
        let models = 2 + rng.next() % 5000;
        let (phrasing, system) = match &rewordings {
            Some(r) if o.vary_scenes => {
                let all = r.scene_phrasings(ci);
                (
                    all[phrase.below(all.len())],
                    r.systems[phrase.below(r.systems.len())].as_str(),
                )
            }
            _ => (
                CONTEXTS[ci],
                "(the {name} {kind}, {n} models in production)",
            ),
        };
        let scale = format!(
            "{phrasing} {}",
            system
                .replace("{name}", &system_name)
                .replace("{kind}", kind)
                .replace("{n}", &models.to_string())
        );
        let template = rng.below(TEMPLATES.len());
        let text = TEMPLATES[template]
            .replace("{s}", s)
            .replace("{t}", t)
            .replace("{c}", &scale);
        let id = format!("q{i:06}-{}", slug(s));
        let body = question(&question_modeline, &id, &text, topic, s, t, &mut rng);
        fs::write(dir.join(topic).join(format!("{id}.yaml")), body)?;
        let _ = writeln!(truth, "{id}\t{template}\t{si}\t{ci}\t");
        if rewordings.is_some() {
            sources.push(Source {
                id,
                template,
                subject: si,
                other: ti,
                scene: ci,
                scale,
                phrasing: phrasing.to_owned(),
                name: system_name,
                kind,
                models,
            });
        }
    }
    if rewordings.is_some() {
        fs::write(dir.join("questions.tsv"), truth)?;
        fs::write(dir.join("pairs.tsv"), pairs)?;
    }
    Ok(())
}

/// A question file around `text`; its levels, kind and minutes drawn from `rng`.
fn question(
    modeline: &str,
    id: &str,
    text: &str,
    topic: &str,
    s: &str,
    t: &str,
    rng: &mut Rng,
) -> String {
    let mut q = String::with_capacity(1200);
    let _ = write!(
        q,
        "{modeline}id: {id}\ntext: \"{text}\"\ntopic: {topic}\nlevels: {levels}\nkind: {kind}\nminutes: {minutes}\nstatus: active\nsource: synthetic\ntags: [{tag}, synthetic]\nfollow_ups:\n  - What would you do differently next time?\n  - How did you measure the effect of {s}?\n  - Who else had to agree, and how did you convince them?\nrubric:\n  strong:\n    - Names a concrete metric for {s} and the threshold that triggers action\n    - Explains the trade-off against {t} with numbers from a real system\n    - Describes how the change was rolled out and how it would be rolled back\n  red_flags:\n    - Talks only about tools, never about what was measured\n    - Cannot say how a failure of {s} would be noticed\n",
        levels = rng.pick(LEVELS),
        kind = rng.pick(KINDS),
        minutes = 4 + rng.next() % 8,
        tag = slug(s),
    );
    q
}

/// `src` asked again the way people reword: another frame, perhaps another name for the
/// subjects, and the scene kept, rephrased, cut down to the named system or dropped.
fn reword(r: &Rewordings, src: &Source, rng: &mut Rng) -> String {
    let frames = &r.frames[src.template];
    let frame = &frames[rng.below(frames.len())];
    let s = r.subject(src.subject, rng);
    let t = r.subject(src.other, rng);
    let scene = match rng.below(100) {
        0..25 => Some(src.scale.clone()),
        25..50 => {
            let all = r.scene_phrasings(src.scene);
            let others: Vec<&str> = all.into_iter().filter(|p| *p != src.phrasing).collect();
            let phrasing = others[rng.below(others.len())];
            let system = &r.systems[rng.below(r.systems.len())];
            Some(format!(
                "{phrasing} {}",
                system
                    .replace("{name}", &src.name)
                    .replace("{kind}", src.kind)
                    .replace("{n}", &src.models.to_string())
            ))
        }
        50..65 => Some(src.phrasing.clone()),
        65..80 => Some(format!("on the {} {}", src.name, src.kind)),
        _ => None,
    };
    let text = frame.replace("{s}", s).replace("{t}", t);
    match scene {
        Some(c) => text
            .replace("{c}", &c)
            .replace("{C}", &qbank_core::capitalize(&c)),
        None => qbank_core::capitalize(&text.replace("{C}, ", "").replace(" {c}", "")),
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A made-up product name such as "Varolen": two or three syllables.
fn name(rng: &mut Rng) -> String {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr", "st",
        "tr", "gl", "pl",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "eo", "ou"];
    const CODAS: &[&str] = &["", "", "n", "r", "l", "s", "x", "m"];
    let syllables = 2 + (rng.next() % 2) as usize;
    let mut out = String::new();
    for _ in 0..syllables {
        out.push_str(rng.pick(ONSETS));
        out.push_str(rng.pick(VOWELS));
    }
    out.push_str(rng.pick(CODAS));
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-gen-bank-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn options(paraphrases: usize, vary_scenes: bool) -> Options {
        Options {
            questions: 300,
            seed: 7,
            adopted: false,
            paraphrases,
            vary_scenes,
        }
    }

    /// Every file under `dir`, by path relative to it.
    fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
        let mut out = BTreeMap::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else {
                    let body = fs::read_to_string(&p).unwrap();
                    out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), body);
                }
            }
        }
        out
    }

    fn text(body: &str) -> &str {
        body.lines()
            .find_map(|l| l.strip_prefix("text: "))
            .unwrap()
            .trim_matches('"')
    }

    #[test]
    fn rewordings_data_loads() {
        Rewordings::load().unwrap();
    }

    #[test]
    fn the_same_options_write_the_same_bank() {
        let (a, b) = (temp("same-a"), temp("same-b"));
        generate(options(30, true), &a).unwrap();
        generate(options(30, true), &b).unwrap();
        assert_eq!(files(&a), files(&b));
        fs::remove_dir_all(&a).unwrap();
        fs::remove_dir_all(&b).unwrap();
    }

    #[test]
    fn planted_questions_reword_existing_earlier_questions() {
        let dir = temp("planted");
        generate(options(30, true), &dir).unwrap();
        let all = files(&dir);
        let by_id: BTreeMap<String, &str> = all
            .iter()
            .filter(|(p, _)| {
                p.extension().is_some_and(|e| e == "yaml") && p.components().count() == 2
            })
            .filter(|(p, _)| !p.starts_with("kits"))
            .map(|(p, body)| {
                (
                    p.file_stem().unwrap().to_str().unwrap().to_owned(),
                    text(body),
                )
            })
            .collect();
        assert_eq!(by_id.len(), 300);
        let pairs = &all[Path::new("pairs.tsv")];
        let rows: Vec<(&str, &str)> = pairs
            .lines()
            .skip(1)
            .map(|l| l.split_once('\t').unwrap())
            .collect();
        assert_eq!(rows.len(), 30);
        for (planted, source) in rows {
            assert!(source < planted, "{planted} rewords a later {source}");
            let (p, s) = (by_id[planted], by_id[source]);
            assert_ne!(p, s, "{planted} repeats {source}");
            assert!(!p.contains('{') && p.ends_with(['?', '.']), "{p}");
        }
        let truth = crate::eval_gen_bank::read_truth(&dir).unwrap();
        assert_eq!(
            truth.keys().cloned().collect::<Vec<_>>(),
            by_id.keys().cloned().collect::<Vec<_>>()
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn planting_leaves_the_original_questions_alone() {
        let (plain_dir, planted_dir) = (temp("plain"), temp("with-planted"));
        generate(options(0, false), &plain_dir).unwrap();
        generate(options(30, false), &planted_dir).unwrap();
        let plain = files(&plain_dir);
        let planted_files = files(&planted_dir);
        assert!(!plain.contains_key(Path::new("pairs.tsv")));
        // Without rewordings, the n-th original question is the same text in both banks.
        let texts = |files: &BTreeMap<PathBuf, String>, skip: &BTreeSet<String>| {
            let mut t: Vec<(String, String)> = files
                .iter()
                .filter(|(p, _)| p.components().count() == 2 && !p.starts_with("kits"))
                .filter(|(p, _)| p.extension().is_some_and(|e| e == "yaml"))
                .map(|(p, b)| {
                    (
                        p.file_stem().unwrap().to_str().unwrap().to_owned(),
                        text(b).to_owned(),
                    )
                })
                .filter(|(id, _)| !skip.contains(id))
                .collect();
            t.sort();
            t.into_iter().map(|(_, text)| text).collect::<Vec<_>>()
        };
        let rewordings: BTreeSet<String> = planted_files[Path::new("pairs.tsv")]
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap().to_owned())
            .collect();
        let kept = texts(&planted_files, &rewordings);
        assert_eq!(kept[..], texts(&plain, &BTreeSet::new())[..kept.len()]);
        fs::remove_dir_all(&plain_dir).unwrap();
        fs::remove_dir_all(&planted_dir).unwrap();
    }
}
