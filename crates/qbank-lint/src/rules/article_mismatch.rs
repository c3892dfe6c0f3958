use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};
use crate::wording::wording;
use qbank_text::words::Token;

/// "a" before a vowel sound or "an" before a consonant sound.
pub struct ArticleMismatch;

impl Rule for ArticleMismatch {
    fn name(&self) -> &'static str {
        "article-mismatch"
    }
    fn summary(&self) -> &'static str {
        "\"a\" before a vowel sound or \"an\" before a consonant sound, as in \"a experience\"."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Looks at the text, follow-ups and rubric lines for \"a\" or \"an\" and the \
                   word after it, and judges that word by its sound, not its spelling: \"an \
                   hour\", \"a user\", \"a one-off\", \"a Euro\". Acronyms are read letter by \
                   letter (\"an SLA\", \"an MLOps team\", \"a URL\", \"an A/B test\") unless they \
                   are read as words (\"a SHAP value\", \"a YAML file\"); numbers by how they are \
                   said (\"an 8-hour shift\", \"an 11-day outage\"). Words whose sound it cannot \
                   be sure of are left alone.",
            why: "The wrong article is the slip readers notice first; in a question read aloud \
                  it makes the interviewer stumble.",
            example: "text: Can you discuss a experience with an canary release?",
            instead: "text: Can you discuss an experience with a canary release?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        for (q, file, field, article, next) in ctx.pairs_of_note() {
            let Some(vowel) = mismatch(&article, &next) else {
                continue;
            };
            let right = match (vowel, article.word) {
                (true, "A") => "An",
                (true, _) => "an",
                (false, "An") => "A",
                (false, _) => "a",
            };
            let sound = if vowel { "a vowel" } else { "a consonant" };
            let d = ctx
                .diagnostic(
                    format!(
                        "\"{}\" before \"{}\", which starts with {sound} sound",
                        article.word, next.word
                    ),
                    file.label_in(
                        &field.pointer(),
                        field.text,
                        article.range.start..next.range.end,
                    ),
                )
                .with_help(format!("write \"{right} {}\"", next.word));
            ctx.report(Some(q), d);
        }
    }
}

/// Whether `article` and the word `next` after it are a mismatch, and if so, whether `next`
/// starts with a vowel sound.
pub(crate) fn mismatch(article: &Token<'_>, next: &Token<'_>) -> Option<bool> {
    let wants_an = match article.word {
        "a" | "A" => false,
        "an" | "An" | "AN" => true,
        _ => return None,
    };
    // "plan A, then B": an article is followed directly by its word.
    if article.punct_after {
        return None;
    }
    let vowel = starts_with_vowel_sound(next.word)?;
    (vowel != wants_an).then_some(vowel)
}

/// Spelt letters that start with a vowel sound: "eff", "aitch", "el", "em", "en", "ar", "ess",
/// "ex" and the vowels except U ("you").
fn letter_is_vowel_sound(c: char) -> bool {
    matches!(
        c.to_ascii_uppercase(),
        'A' | 'E' | 'F' | 'H' | 'I' | 'L' | 'M' | 'N' | 'O' | 'R' | 'S' | 'X'
    )
}

/// Whether `word` starts with a vowel sound; `None` when that cannot be told with certainty
/// ("a SQL" and "an SQL" are both said, "a historic" and "an historic" too).
pub(crate) fn starts_with_vowel_sound(word: &str) -> Option<bool> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        return Some(number_is_vowel_sound(word));
    }
    if !first.is_alphabetic() {
        return None;
    }
    let lower = word.to_lowercase();
    let head = &word[..word
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(word.len())];
    // Acronyms said as words, not letter by letter.
    if let Some(vowel) = wording().said_as_words.of(head) {
        return Some(vowel);
    }
    if wording().is_said_either_way(&lower) {
        return None;
    }
    // Spelt letter by letter: an acronym (two capitals in a row: SLA, MLOps, GPUs, K8s,
    // A/B) or a single capital letter followed by a non-letter ("X-ray", "A/B").
    let mut chars = word.chars();
    let second = chars.next().and_then(|_| chars.next());
    let spelt = first.is_uppercase()
        && match second {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_ascii_digit() => true,
            Some(c) if !c.is_alphanumeric() => true,
            None => true,
            _ => false,
        };
    if spelt {
        return Some(letter_is_vowel_sound(first));
    }
    if lower.len() == 1 {
        return None;
    }
    // A beginning that the first letter does not tell ("hour", "user", "one"), else the letter.
    wording().first_sounds.of(&lower).unwrap_or_else(|| {
        Some(matches!(
            lower.chars().next(),
            Some('a' | 'e' | 'i' | 'o' | 'u')
        ))
    })
}

/// "an 8", "an 11", "an 18", "an 80%", "an 800-page"; every other number starts with a
/// consonant sound.
fn number_is_vowel_sound(word: &str) -> bool {
    let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.starts_with('8') || digits == "11" || digits == "18"
}

#[cfg(test)]
mod tests {
    use super::starts_with_vowel_sound as v;

    #[test]
    fn sounds() {
        for w in [
            "hour",
            "honest",
            "MLOps",
            "SLA",
            "SRE",
            "A/B",
            "experience",
            "apple",
            "8-hour",
            "11",
            "18-month",
            "80%",
            "F1",
            "HTTP",
            "NLP",
            "LLM",
            "umbrella",
            "uninstall",
            "ONNX",
            "X-ray",
            "idea",
            "S3",
            "ML",
            "AI",
            "API",
            "ETL",
            "unusual",
            "onerous",
            "heirloom",
        ] {
            assert_eq!(v(w), Some(true), "{w} starts with a vowel sound");
        }
        for w in [
            "user",
            "URL",
            "one-off",
            "once",
            "Euro",
            "GPU",
            "CPU",
            "unit",
            "useful",
            "house",
            "SHAP",
            "YAML",
            "JSON",
            "3-day",
            "100",
            "TPU",
            "union",
            "KPI",
            "DAG",
            "canary",
            "year",
            "universal",
            "K8s",
            "GDPR",
        ] {
            assert_eq!(v(w), Some(false), "{w} starts with a consonant sound");
        }
        for w in [
            "SQL",
            "sqlite",
            "historic",
            "historically",
            "hotelier",
            "x",
            "unicorn",
            "xgboost",
        ] {
            assert_eq!(v(w), None, "{w} is left alone");
        }
    }
}
