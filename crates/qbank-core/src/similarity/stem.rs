//! Word normalisation: British to American spelling, then a light suffix-stripping stemmer.
//!
//! The stemmer is deliberately small and predictable rather than linguistically complete: it
//! only has to make the inflected and derived forms of one word meet (`deploy`, `deploys`,
//! `deployed`, `deploying`, `deployment`; `explain`, `explainable`, `explainability`), and the
//! same function is applied to question words and to vocabulary phrases, so a stem never has
//! to be a real word.

/// British spellings that no rule below turns into the American one.
const SPELLING: &[(&str, &str)] = &[
    ("artefact", "artifact"),
    ("artefacts", "artifacts"),
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("catalogue", "catalog"),
    ("catalogues", "catalogs"),
    ("centre", "center"),
    ("centres", "centers"),
    ("colour", "color"),
    ("defence", "defense"),
    ("licence", "license"),
    ("modelling", "modeling"),
    ("modelled", "modeled"),
    ("labelling", "labeling"),
    ("labelled", "labeled"),
    ("travelling", "traveling"),
    ("cancelled", "canceled"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("analysing", "analyzing"),
    ("analyses", "analyzes"),
    ("favour", "favor"),
    ("honour", "honor"),
    ("grey", "gray"),
    ("judgement", "judgment"),
];

/// Words ending in `-ise…` that are not British spellings of `-ize…`.
const ISE_WORDS: &[&str] = &[
    "advise",
    "apprise",
    "arise",
    "chastise",
    "circumcise",
    "comprise",
    "compromise",
    "concise",
    "demise",
    "despise",
    "devise",
    "disguise",
    "enterprise",
    "excise",
    "exercise",
    "expertise",
    "franchise",
    "improvise",
    "incise",
    "merchandise",
    "noise",
    "otherwise",
    "paradise",
    "poise",
    "praise",
    "precise",
    "premise",
    "promise",
    "raise",
    "revise",
    "rise",
    "supervise",
    "surmise",
    "surprise",
    "televise",
    "treatise",
    "likewise",
    "wise",
    "clockwise",
    "cruise",
    "bruise",
    "guise",
    "turquoise",
    "vise",
];

/// The American spelling of a lowercase word.
pub fn americanize(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some((_, us)) = SPELLING.iter().find(|(uk, _)| *uk == word) {
        return Cow::Borrowed(us);
    }
    // -isation, -ise, -ised, -ises, -ising, -iser: the -ize family, minus real -ise words.
    for (uk, us) in [
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("isers", "izers"),
        ("iser", "izer"),
        ("ise", "ize"),
    ] {
        if let Some(base) = word.strip_suffix(uk) {
            if base.len() < 3 {
                return Cow::Borrowed(word);
            }
            let lemma = format!("{base}ise");
            if ISE_WORDS
                .iter()
                .any(|w| lemma == *w || (w.len() >= 6 && lemma.ends_with(w)))
            {
                return Cow::Borrowed(word);
            }
            return Cow::Owned(format!("{base}{us}"));
        }
    }
    // -yse (analyse, paralyse) and -our (behaviour) beyond the list above.
    if let Some(base) = word.strip_suffix("yse") {
        return Cow::Owned(format!("{base}yze"));
    }
    Cow::Borrowed(word)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether `stem` is long enough, and has a vowel, to be left after stripping a suffix.
fn viable(stem: &str) -> bool {
    stem.len() >= 3 && stem.bytes().any(is_vowel)
}

/// Words the suffix rules would damage.
const KEEP: &[&str] = &[
    "bias",
    "business",
    "canvas",
    "class",
    "corpus",
    "less",
    "process",
    "status",
    "access",
    "analysis",
    "basis",
    "thesis",
    "series",
    "species",
    "always",
    "news",
    "ops",
    "mlops",
    "devops",
    "kubernetes",
    "its",
    "this",
    "was",
    "has",
    "does",
    "aws",
    "gcp",
    "needs",
    "speed",
    "need",
    "feed",
    "seed",
    "embed",
    "red",
    "shed",
    "thing",
    "string",
    "ring",
    "spring",
    "king",
    "during",
    "bring",
    "nothing",
    "something",
    "everything",
    "anything",
    "ceiling",
    "morning",
    "sed",
    "led",
    "bed",
    "fed",
    "unless",
    "across",
    "gas",
    "plus",
    "bus",
    "virus",
    "focus",
    "consensus",
    "census",
    "lens",
    "yes",
    "chaos",
    "logistic",
    "statistics",
    "physics",
    "analytics",
    "mathematics",
    "economics",
    "metrics",
    "semantics",
    "ethics",
    "mechanics",
    "dynamics",
    "graphics",
    "robotics",
    "genomics",
    "forensics",
    "heuristics",
    "tools",
    "xgboost",
];

/// Stems of words ending in `-ment` that are not a verb plus `-ment` (experiment, document).
const PLAIN_MENT: &[&str] = &[
    "experi", "imple", "docu", "seg", "com", "ele", "mo", "argu", "instru", "supple", "comple",
    "compli", "frag", "pig", "gar", "ce", "tor", "fer", "la", "aug",
];

/// The stem of a lowercase, American-spelled word.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    if KEEP.contains(&word) {
        // Plural-looking words that are not plurals keep their form; "metrics" -> "metric".
        return match word {
            "statistics" | "analytics" | "metrics" | "semantics" | "heuristics" | "tools" => {
                word[..word.len() - 1].to_owned()
            }
            _ => word.to_owned(),
        };
    }
    let mut w = word.to_owned();

    // Step 1: plurals and third person.
    if let Some(base) = w.strip_suffix("ies") {
        if base.len() >= 2 {
            w = format!("{base}y");
        }
    } else if let Some(base) = w.strip_suffix("sses") {
        w = format!("{base}ss");
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        // class, status, analysis
    } else if let Some(base) = w.strip_suffix('s') {
        if base.len() >= 3 {
            w = base.to_owned();
        }
    }

    // Step 2: -ing and -ed, undoubling consonants (running -> run, shipped -> ship).
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if viable(base) {
                let b = base.as_bytes();
                let n = b.len();
                let mut out = base.to_owned();
                if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
                    out.pop();
                } else if base.ends_with("at") || base.ends_with("iz") || base.ends_with("bl") {
                    out.push('e');
                }
                w = out;
                break;
            }
        }
    }

    // Step 3: derivational suffixes, longest first.
    const DERIVED: &[(&str, &str)] = &[
        ("izations", ""),
        ("ization", ""),
        ("ational", "ate"),
        ("ability", ""),
        ("ibility", ""),
        ("fulness", ""),
        ("iveness", "ive"),
        ("ousness", ""),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ically", "ic"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("izer", ""),
        ("ize", ""),
        ("able", ""),
        ("ible", ""),
        ("ally", "al"),
        ("ity", ""),
        ("ly", ""),
    ];
    for (suffix, replacement) in DERIVED {
        if let Some(base) = w.strip_suffix(suffix) {
            if viable(base) && !(suffix.starts_with("ment") && PLAIN_MENT.contains(&base)) {
                w = format!("{base}{replacement}");
                break;
            }
        }
    }
    // -ate as a verb ending (validate, automate, annotate) once nothing else applied.
    if let Some(base) = w.strip_suffix("ate") {
        if base.len() >= 4 && base.bytes().any(is_vowel) {
            w = base.to_owned();
        }
    }
    // -ion left by -tion nouns that had no -ate (prediction -> predict, detection -> detect).
    if let Some(base) = w.strip_suffix("ion") {
        if base.len() >= 4 && base.ends_with(['t', 's']) && base.bytes().any(is_vowel) {
            w = base.to_owned();
        }
    }
    // Step 4: a final silent e (serve -> serv, reproduce -> reproduc), and -y/-i meeting.
    if w.len() >= 4 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('y') && !is_vowel(w.as_bytes()[w.len() - 2]) {
        w.pop();
        w.push('i');
    }
    w
}

#[cfg(test)]
mod tests {
    use super::{americanize, stem};

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(&americanize(w))).collect();
        assert!(
            stems.windows(2).all(|p| p[0] == p[1]),
            "{words:?} stem to {stems:?}"
        );
    }

    fn differ(a: &str, b: &str) {
        assert_ne!(stem(&americanize(a)), stem(&americanize(b)), "{a} vs {b}");
    }

    #[test]
    fn inflections_meet() {
        same(&[
            "deploy",
            "deploys",
            "deployed",
            "deploying",
            "deployment",
            "deployments",
        ]);
        same(&["explain", "explainable", "explainability", "explains"]);
        same(&["reproducible", "reproducibility", "reproduce"]);
        same(&["monitor", "monitoring", "monitored", "monitors"]);
        same(&["version", "versions", "versioning", "versioned"]);
        same(&[
            "containerize",
            "containerise",
            "containerization",
            "containerisation",
            "containers",
        ]);
        same(&[
            "label",
            "labels",
            "labeling",
            "labelling",
            "labelled",
            "labeled",
        ]);
        same(&["utilization", "utilisation", "utilize"]);
        same(&["validate", "validation", "validating", "validated"]);
        same(&["run", "running", "runs"]);
        same(&["ship", "shipped", "shipping"]);
        same(&["annotate", "annotation", "annotations"]);
        same(&["optimize", "optimise", "optimization", "optimisation"]);
        same(&["serve", "serving", "served"]);
        same(&["metric", "metrics"]);
        same(&["dependency", "dependencies"]);
        same(&["predict", "prediction", "predictions"]);
        same(&["detect", "detection", "detecting"]);
        same(&["scale", "scaling", "scalable", "scalability"]);
        same(&["fair", "fairness"]);
        same(&["update", "updating", "updated", "updates"]);
        same(&["cache", "caches", "caching"]);
    }

    #[test]
    fn different_words_stay_apart() {
        differ("canary", "dark");
        differ("data", "date");
        differ("train", "trace");
        differ("model", "mode");
        differ("bias", "base");
        differ("process", "proceed");
        differ("status", "state");
    }

    #[test]
    fn real_ise_words_keep_their_spelling() {
        assert_eq!(americanize("expertise"), "expertise");
        assert_eq!(americanize("noise"), "noise");
        assert_eq!(americanize("enterprise"), "enterprise");
        assert_eq!(americanize("utilisation"), "utilization");
        assert_eq!(americanize("anonymise"), "anonymize");
        assert_eq!(americanize("behaviour"), "behavior");
    }

    #[test]
    fn never_panics_on_odd_words() {
        for w in [
            "", "s", "es", "ies", "ing", "ed", "ation", "é", "naïve", "x86", "ßs", "ly",
        ] {
            let _ = stem(&americanize(w));
        }
    }
}
