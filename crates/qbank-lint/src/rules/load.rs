//! Rules that report while the bank is read (`qbank-core`'s loader): the file cannot be read,
//! is not YAML, or breaks its schema. They are here so that they have documentation, a
//! severity that can be configured, and a place in SARIF's rule list.

use qbank_core::Severity;

use crate::rule::{Rule, RuleDoc};

macro_rules! load_rule {
    ($ty:ident, $name:literal, $sev:expr, $summary:literal, $doc:expr) => {
        #[doc = $summary]
        pub struct $ty;
        impl Rule for $ty {
            fn name(&self) -> &'static str {
                $name
            }
            fn summary(&self) -> &'static str {
                $summary
            }
            fn default_severity(&self) -> Severity {
                $sev
            }
            fn doc(&self) -> RuleDoc {
                $doc
            }
            fn at_load(&self) -> bool {
                true
            }
        }
    };
}

load_rule!(
    UnreadableFile,
    "unreadable-file",
    Severity::Error,
    "A file that cannot be read as UTF-8 text, is too large, or a folder that cannot be listed.",
    RuleDoc {
        what: "Reports bank files that qbank cannot read: permission errors, files that are not \
               UTF-8 (the position of the first invalid byte is given), files over 1 MiB, and \
               folders nested deeper than 32 levels.",
        why: "A file that is not read is a question that silently disappears from every kit.",
        example: "# a question saved as Latin-1: caf\\xe9 is not UTF-8\ntext: Caf\u{fffd}?",
        instead: "Save the file as UTF-8; keep one question of a few kilobytes per file.",
    }
);

load_rule!(
    InvalidYaml,
    "invalid-yaml",
    Severity::Error,
    "A file that is not valid YAML.",
    RuleDoc {
        what: "Reports YAML syntax errors at the line and column where reading stopped, and \
               files that nest deeper than 128 levels or whose aliases expand to more than \
               100,000 values.",
        why: "Nothing else in a file can be checked until it parses.",
        example: "text: How do you [handle drift?\nlevels:\n\t- mid",
        instead: "text: \"How do you [handle] drift?\"\nlevels:\n  - mid",
    }
);

load_rule!(
    DuplicateKey,
    "duplicate-key",
    Severity::Error,
    "The same key twice in one mapping.",
    RuleDoc {
        what: "Reports a key that appears twice in one mapping, labelling both places.",
        why: "YAML tools disagree about which value wins; the first one is used here, and the \
              other edit is silently lost.",
        example: "text: How do you monitor models?\ntext: How do you monitor models in production?",
        instead: "text: How do you monitor models in production?",
    }
);

load_rule!(
    AmbiguousBoolean,
    "ambiguous-boolean",
    Severity::Warning,
    "A plain yes/no/on/off that YAML 1.1 tools read as a boolean.",
    RuleDoc {
        what: "Reports unquoted `yes`, `no`, `on` and `off` (any case). qbank reads YAML 1.2, \
               where they are text; YAML 1.1 tools (PyYAML, many editors) read them as true or \
               false.",
        why: "The same file means different things to different tools: a tag `no` becomes \
              `false` in a script that reads the bank.",
        example: "tags: [on-call, no]",
        instead: "tags: [on-call, \"no\"]",
    }
);

load_rule!(
    EmptyFile,
    "empty-file",
    Severity::Error,
    "A bank file with no content.",
    RuleDoc {
        what: "Reports YAML files below the bank that hold nothing but comments or blank lines.",
        why: "An empty file is usually a question that was started and never written.",
        example: "# yaml-language-server: $schema=../../schema/question.schema.json",
        instead: "Fill in the question, or delete the file.",
    }
);

load_rule!(
    SchemaViolation,
    "schema-violation",
    Severity::Error,
    "A file that breaks its JSON Schema (question, topics or kit).",
    RuleDoc {
        what: "Checks every file against its JSON Schema (schema/question.schema.json, \
               topics.schema.json, kit.schema.json) and reports each violation at the line and \
               column of the offending key or value: unknown fields with the field you probably \
               meant, values outside an enum with the allowed ones, wrong types, missing \
               required fields.",
        why: "A file that breaks its schema is left out of the bank, so it never reaches a kit.",
        example: "id: data-drift\ntext: How do you detect data drift?\ntopic: monitoring\nlevels: [medium]\nkind: concept\nfolow_ups: [Which metric?]",
        instead: "levels: [mid]\nfollow_ups: [Which metric?]",
    }
);

load_rule!(
    SymlinkLoop,
    "symlink-loop",
    Severity::Warning,
    "A symbolic link that leads back into a folder already read, or nowhere.",
    RuleDoc {
        what: "Reports links below the bank that point to a folder qbank has already read (a \
               loop, or the same folder twice) or that cannot be followed.",
        why: "Following a loop would never end; reading a folder twice would duplicate every \
              question in it.",
        example: "questions/monitoring/again -> ..",
        instead: "Remove the link; keep each question file in one place.",
    }
);
