//! A synthetic bank for benchmarks: realistic sizes and shapes, deterministic for a seed.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

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

pub fn run(args: &[String]) -> Result<(), String> {
    let mut questions: Option<usize> = None;
    let mut seed = 1u64;
    let mut adopted = false;
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
            "--adopted" => adopted = true,
            other if !other.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let n = questions.ok_or("--questions N is required")?;
    let dir = dir.ok_or("the output folder is required")?;
    if dir.exists()
        && fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .next()
            .is_some()
    {
        return Err(format!("{} exists and is not empty", dir.display()));
    }
    generate(n, seed, adopted, &dir).map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

/// Writes the bank. `adopted`: as a bank written elsewhere arrives, with a finding on every
/// file: no schema modeline anywhere (the same files otherwise, so that the two banks of one
/// seed can be linted side by side).
fn generate(n: usize, seed: u64, adopted: bool, dir: &std::path::Path) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let modeline = |schema: &str| {
        if adopted {
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
    for i in 0..n {
        let (topic, _) = TOPICS[i % TOPICS.len()];
        let s = rng.pick(SUBJECTS);
        let t = rng.pick(SUBJECTS);
        let c = rng.pick(CONTEXTS);
        // A named system makes each question about something of its own, as in a real bank
        // (questions that differ only in a number would all be near-duplicates of each other).
        let scale = format!(
            "{c} (the {} {}, {} models in production)",
            name(&mut rng),
            rng.pick(&[
                "service",
                "pipeline",
                "platform",
                "ranking system",
                "feature store"
            ]),
            2 + rng.next() % 5000
        );
        let text = rng
            .pick(TEMPLATES)
            .replace("{s}", s)
            .replace("{t}", t)
            .replace("{c}", &scale);
        let id = format!("q{i:06}-{}", slug(s));
        let mut q = String::with_capacity(1200);
        let _ = write!(
            q,
            "{question_modeline}id: {id}\ntext: \"{text}\"\ntopic: {topic}\nlevels: {levels}\nkind: {kind}\nminutes: {minutes}\nstatus: active\nsource: synthetic\ntags: [{tag}, synthetic]\nfollow_ups:\n  - What would you do differently next time?\n  - How did you measure the effect of {s}?\n  - Who else had to agree, and how did you convince them?\nrubric:\n  strong:\n    - Names a concrete metric for {s} and the threshold that triggers action\n    - Explains the trade-off against {t} with numbers from a real system\n    - Describes how the change was rolled out and how it would be rolled back\n  red_flags:\n    - Talks only about tools, never about what was measured\n    - Cannot say how a failure of {s} would be noticed\n",
            levels = rng.pick(LEVELS),
            kind = rng.pick(KINDS),
            minutes = 4 + rng.next() % 8,
            tag = slug(s),
        );
        fs::write(dir.join(topic).join(format!("{id}.yaml")), q)?;
    }
    Ok(())
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
