use std::collections::HashMap;

use qbank_core::{FileKind, Severity, Text};

use crate::rule::{Context, Rule, RuleDoc, Scope};

pub use qbank_core::write::{modeline, MODELINE_PREFIX};

/// A bank file without the `yaml-language-server` schema modeline on its first line.
pub struct MissingSchemaModeline;

impl Rule for MissingSchemaModeline {
    fn name(&self) -> &'static str {
        "missing-schema-modeline"
    }
    fn summary(&self) -> &'static str {
        "A bank file does not start with the yaml-language-server schema line."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks that every question, topics and kit file starts with \
                   `# yaml-language-server: $schema=<path>` naming the right schema file \
                   (question.schema.json, topics.schema.json or kit.schema.json).",
            why: "With that line, editors with the YAML language server complete field names \
                  and flag mistakes as you type, before the pull request.",
            example: "id: data-drift-experience\ntext: …",
            instead: "# yaml-language-server: $schema=../../schema/question.schema.json\nid: data-drift-experience\ntext: …",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let mut question_of = vec![None; bank.files.len()];
        for q in &bank.questions {
            question_of[q.file] = Some(q);
        }
        // The help for each schema line it asks for, held once: on a bank adopted from
        // elsewhere, every file has this finding, and few lines are asked for.
        let mut helps: HashMap<String, Text> = HashMap::new();
        for (id, file) in bank.files.iter().enumerate() {
            if file.text.is_empty() {
                continue;
            }
            let first = file.text.lines().next().unwrap_or_default();
            let schema = file.kind.schema_file();
            let message = match first.strip_prefix(MODELINE_PREFIX) {
                Some(target) if target.trim().ends_with(schema) => continue,
                Some(target) => Text::from(format!(
                    "the schema line names {}, but this is a {} file",
                    target.trim(),
                    kind_name(file.kind)
                )),
                None => {
                    Text::fixed("file does not start with the yaml-language-server schema line")
                }
            };
            let help = helps
                .entry(modeline(file.kind, &file.relative))
                .or_insert_with_key(|expected| {
                    Text::shared(&format!("make the first line: {expected}"))
                })
                .clone();
            let question = question_of[id];
            let d = ctx.diagnostic(message, file.start_label()).with_help(help);
            ctx.report(question, d);
        }
    }
}

fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Question => "question",
        FileKind::Topics => "topics",
        FileKind::Kit => "kit",
        FileKind::Loop => "loop",
        FileKind::Competencies => "competencies",
    }
}
