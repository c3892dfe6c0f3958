use std::ops::Range;
use std::sync::OnceLock;

use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};
use crate::text::{sentences, tokens};

/// A question that asks the candidate about a protected characteristic.
pub struct ProtectedCharacteristic;

impl Rule for ProtectedCharacteristic {
    fn name(&self) -> &'static str {
        "protected-characteristic"
    }
    fn summary(&self) -> &'static str {
        "A question or follow-up asks the candidate about age, family, religion, origin, health or another protected characteristic."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Reads each question's text and follow-ups, sentence by sentence, for \
                   questions about the candidate's age, marital or family status, pregnancy or \
                   plans for children, religion, national origin or citizenship beyond work \
                   authorisation, native language or accent, race or ethnicity, sex, gender \
                   identity or sexual orientation, disability or health, arrests or \
                   convictions, military discharge, union membership, political affiliation, \
                   genetic information or family medical history, and salary history. It \
                   fires on phrasings bound to the candidate (\"How old are you?\", \"your \
                   religion\", \"Do you have any children?\") and on the bare words in a \
                   sentence addressed to the candidate (\"How many kids do you have?\"), but \
                   not where the words are the subject matter of technical work: a sentence \
                   about a model, features, data, bias, fairness, groups, audits or tests \
                   (\"How do you test a model for bias against age groups?\") or about other \
                   people (users, customers, your team) is left alone. Lawful questions (\"Are \
                   you authorised to work in …?\", \"Are you at least 18?\") are left alone \
                   too. The message names the category and, where there is one, the lawful \
                   question to ask instead.",
            why: "In most jurisdictions it is unlawful to base a hiring decision on these \
                  grounds, and asking about them is evidence that one was: a question bank \
                  hands the same question to every interviewer, so one such question is a \
                  liability in every interview that uses it. The answers also say nothing \
                  about whether the candidate can do the job.",
            example: "text: Are you a US citizen?\nfollow_ups:\n  - Do you have any children?",
            instead: "text: Are you authorised to work in the United States?\nfollow_ups:\n  - This role has a weekly on-call rotation; can you meet that schedule?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let file = bank.question_file(q);
            let mut fields = vec![("/text".to_owned(), q.text.as_str())];
            fields.extend(
                q.follow_ups
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (format!("/follow_ups/{i}"), f.as_str())),
            );
            for (pointer, text) in fields {
                for finding in detect(text) {
                    let c = finding.category;
                    let mut d = ctx.diagnostic(
                        format!(
                            "asks about the candidate's {}, a protected characteristic",
                            c.name
                        ),
                        file.label_in(&pointer, text, finding.range),
                    );
                    d.help = Some(c.help.to_owned());
                    ctx.report(Some(q), d);
                }
            }
        }
    }
}

/// A protected ground, the phrasings that ask about it and what to ask instead.
#[derive(Debug)]
pub(crate) struct Category {
    /// Short label, used by the labelled test set.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "read by the labelled tests only")
    )]
    pub key: &'static str,
    /// As it reads in the message: "the candidate's {name}".
    pub name: &'static str,
    /// The lawful alternative, or what to do.
    pub help: &'static str,
    /// Patterns that tie the ground to the candidate ("how old are you", "your religion");
    /// they fire unless a technical noun follows the match ("your age groups").
    bound: &'static [&'static str],
    /// Words and phrases that fire in a sentence addressed to the candidate ("you", "your")
    /// that is not about technical work or other people.
    loose: &'static [&'static str],
    /// Lawful questions about the same ground; a sentence that matches one is left alone
    /// for this category.
    lawful: &'static [&'static str],
}

// Pattern syntax: words separated by spaces; `a|b` matches either word; a trailing `?` makes
// an element optional; `*` matches any one word and `#` any number. Words are compared lowercase, contractions
// are split ("you're" → "you are") and possessive "'s" is dropped.
pub(crate) static CATEGORIES: &[Category] = &[
    Category {
        key: "age",
        name: "age",
        help: "ask only whether a legal minimum age is met, for example \"Are you at least 18 years old?\"",
        bound: &[
            "how old are|were|will you",
            "your age",
            "your date|year of birth",
            "your birthday|birthdate|birth",
            "when|what year? were you born",
            "what? year|when did you graduate",
            "when did you finish high|secondary school",
            "what year did you finish|complete|leave|start university|college|school|high",
            "when|soon do|will you plan|intend|want|expect? to? retire",
            "your retirement plans",
            "are you over|under|older|younger than? #",
            "are you over|under|older|younger than? thirty|forty|fifty|sixty|seventy",
            "years do you have left",
            "years left before you retire",
            "which|what decade|generation were you born",
            "years * have left",
            "how much longer do|will you plan|want|intend to? work",
        ],
        loose: &["age", "retire", "retirement"],
        lawful: &[
            "at least 18|eighteen|21|twenty-one|16|sixteen",
            "over|above the? age? of? 18|eighteen|21|twenty-one",
            "legal working? age",
            "minimum age",
        ],
    },
    Category {
        key: "family",
        name: "marital status, family or plans for children",
        help: "ask whether the candidate can meet the job's actual demands instead, for example \"This role has a weekly on-call rotation; can you meet that schedule?\"",
        bound: &[
            "are you married|single|divorced|engaged|widowed|pregnant|expecting",
            "your marital|family|relationship status",
            "your spouse|husband|wife|partner|girlfriend|boyfriend|fiance|fiancee",
            "your kids|children|child|family|pregnancy|maiden",
            "do you have any? kids|children|dependents|dependants",
            "how many kids|children",
            "plan|planning|intend|want|hoping to? have|start kids|children|family|baby",
            "start|starting a family",
            "planning a family",
            "are you a single|working? parent|mother|father|mom|mum|dad",
            "having|have a baby",
            "maiden name",
            "get|getting pregnant",
            "maternity|paternity leave",
        ],
        loose: &[
            "married", "marital", "pregnant", "pregnancy", "kids", "children", "childcare",
            "babysitter", "nanny", "baby", "family", "caregiver", "carer", "spouse", "husband", "wife", "girlfriend", "boyfriend",
            "maiden", "divorced", "maternity", "paternity",
        ],
        // "married to a framework" is an idiom; a family's medical history is genetic.
        lawful: &[
            "married to",
            "your family have|has|had a|any? history",
            "your family have|has|had cancer|diabetes|dementia|alzheimer|heart",
        ],
    },
    Category {
        key: "religion",
        name: "religion",
        help: "ask about availability for the job's schedule instead, for example \"This role includes weekend on-call once a month; can you meet that schedule?\"",
        bound: &[
            "your religion|religious|faith|church|mosque|synagogue|temple",
            "do you pray|worship",
            "do you go to church|mosque|synagogue|temple",
            "which|what church|mosque|synagogue|temple|religion|faith",
            "religious holidays|holiday|observance|beliefs",
            "do you celebrate christmas|easter|eid|diwali|hanukkah|passover|ramadan",
            "are you christian|muslim|jewish|hindu|buddhist|sikh|atheist|catholic|religious",
        ],
        loose: &[
            "religion", "religious", "church", "mosque", "synagogue", "temple", "pray",
            "prayer", "worship", "sabbath", "ramadan", "kosher", "halal", "observant",
        ],
        lawful: &[],
    },
    Category {
        key: "origin",
        name: "national origin or citizenship",
        help: "ask only about the right to work, for example \"Are you authorised to work in <country>?\" or \"Will you now or in the future need visa sponsorship?\"",
        bound: &[
            "are you a|an? * citizen",
            "are you a|an? citizen",
            "your citizenship|nationality|ethnicity|birthplace|accent|ancestry|heritage",
            "your native|first language|tongue|country",
            "your mother tongue",
            "where are you from|originally",
            "where were you born",
            "were you born in this|that|another|which|what|a? country",
            "were you born here|abroad|overseas|outside",
            "where is your family|accent from",
            "where are your parents|family from",
            "what country are your parents|family from",
            "are your parents|family from",
            "immigration|visa|residency status",
            "green card",
            "country of origin|birth",
            "native language|speaker|tongue",
            "first language",
            "mother tongue",
        ],
        loose: &[
            "citizen", "citizenship", "nationality", "immigrant", "immigration", "accent",
            "birthplace", "ancestry", "heritage",
        ],
        lawful: &[
            "authorised|authorized|eligible|permitted|entitled|allowed to work",
            "sponsorship",
            "work permit",
            "right to work",
            "languages can you work",
        ],
    },
    Category {
        key: "race",
        name: "race or ethnicity",
        help: "remove the question: race and ethnicity have no bearing on the job",
        bound: &[
            "your race|ethnicity|ethnic|skin|complexion",
            "what race|ethnicity are you",
            "ethnicity|race do you identify",
            "ethnic|racial group|groups|background do you belong|identify",
        ],
        loose: &["race", "racial", "ethnicity", "ethnic"],
        lawful: &[],
    },
    Category {
        key: "sex",
        name: "sex, gender identity or sexual orientation",
        help: "remove the question; to address the candidate correctly, share your own pronouns and invite theirs instead",
        bound: &[
            "your sex|gender|sexuality|orientation",
            "your sexual orientation|preference",
            "are you gay|lesbian|straight|bisexual|transgender|trans|queer|male|female|heterosexual|homosexual",
            "are you a man|woman",
            "gender do you identify",
            "male or female",
            "man or a? woman",
        ],
        loose: &["sexual", "sexuality", "gender", "transgender", "gay", "lesbian", "bisexual"],
        lawful: &["your pronouns", "pronouns do you use"],
    },
    Category {
        key: "disability",
        name: "disability or health",
        help: "ask \"Can you perform the essential functions of this role, with or without reasonable accommodation?\"",
        bound: &[
            "your disability|disabilities|health|medical|illness|medication|medications|diagnosis|weight|height|condition",
            "your mental|physical health|condition|state",
            "do you have a|any disability|disabilities|handicap|illness|illnesses",
            "do you have a|any medical|health|mental|chronic",
            "your back|heart|health|mental|medical problems|issues|condition|conditions",
            "suffer|suffered from",
            "are you disabled|handicapped|sick|ill|healthy",
            "sick days|leave",
            "taking any? medication|medications|medicine|drugs",
            "take any? medication|medications|medicine",
            "had|have any? mental health|illness",
            "you ever? been treated for",
            "been hospitalized|hospitalised",
            "workers compensation|comp",
            "how tall are you",
            "how much do you weigh",
        ],
        loose: &[
            "disability", "disabilities", "disabled", "handicap", "handicapped", "illness",
            "medication", "medications", "depression", "hospitalized", "hospitalised",
            "medical", "health", "sick", "illnesses", "chronic", "injury", "injuries",
        ],
        lawful: &["essential functions", "reasonable accommodation"],
    },
    Category {
        key: "arrest",
        name: "arrest or conviction record",
        help: "never ask about arrests; ask about convictions only where the law allows it, and only after a conditional offer",
        bound: &[
            "been arrested|convicted|detained|jailed",
            "ever arrested|convicted",
            "your arrest|criminal|police record|history",
            "an|any arrest|criminal|police record",
            "arrest record",
            "criminal record|history|background",
        ],
        loose: &[
            "arrested", "arrest", "convicted", "conviction", "convictions", "jail", "prison",
            "detained", "police",
        ],
        lawful: &[],
    },
    Category {
        key: "military",
        name: "military discharge",
        help: "ask what the candidate learned or did in military service that bears on the job, not how it ended",
        bound: &[
            "type|kind|nature of discharge",
            "your discharge",
            "honourably|honorably|dishonourably|dishonorably|medically discharged",
            "were you discharged",
            "honourable|honorable|dishonourable|dishonorable discharge",
        ],
        loose: &["discharge", "discharged"],
        lawful: &[],
    },
    Category {
        key: "union",
        name: "union membership",
        help: "remove the question: union membership and activity are protected",
        bound: &[
            "member of a|any? labour|labor|trade? union|unions",
            "belong|belonged to a|any? labour|labor|trade? union|unions",
            "join|joined a|any? labour|labor|trade? union|unions",
            "are you a|in a? union member",
            "are you unionized|unionised",
            "your union",
            "union membership|activity|activities",
            "you try|want|plan|intend|hope to? unionize|unionise|organize|organise",
        ],
        loose: &["unionize", "unionise", "unionized", "unionised", "unions"],
        lawful: &[],
    },
    Category {
        key: "political",
        name: "political affiliation",
        help: "remove the question: political views and affiliation have no bearing on the job",
        bound: &[
            "political party|parties|views|affiliation|beliefs|leanings",
            "your politics",
            "did|do|will you vote",
            "you vote for",
            "the current|present government|president|administration",
            "are you a|an? democrat|republican|conservative|liberal|socialist",
        ],
        loose: &["political", "politics", "vote", "voted"],
        lawful: &[],
    },
    Category {
        key: "genetic",
        name: "genetic information or family medical history",
        help: "remove the question: genetic information and family medical history are protected",
        bound: &[
            "genetic test|testing|tests|condition|conditions|disorder|information|history",
            "family medical|health history",
            "your family have|has|had cancer|diabetes|dementia|alzheimer|heart",
            "your family have|has a|any? history",
            "history of heart|cancer|diabetes|disease|illness",
            "hereditary|inherited condition|conditions|disease|diseases",
            "dna test",
            "you had|taken|done|ever? a|any? genetic|dna test|tests|testing",
            "you ever? had|taken|done a|any? genetic|dna test|tests|testing",
        ],
        loose: &["genetic", "hereditary"],
        lawful: &[],
    },
    Category {
        key: "salary",
        name: "salary history",
        help: "ask \"What are your salary expectations for this role?\"; many jurisdictions ban asking about pay history",
        bound: &[
            "your current|previous|last|present|past salary|pay|compensation|wage|wages",
            "how much were|are you paid|earning|making",
            "how much do|did you earn|make",
            "salary history",
            "your salary|salaries|earnings|wage|wages",
            "what do|did you earn|make",
            "were you paid",
            "employer|company|they pay|paid you",
        ],
        loose: &[],
        lawful: &["salary expectations", "expected salary"],
    },
];

/// Engineering terms made of a protected word and its neighbours ("race condition", "child
/// process", "native code", "age of a cache entry"): their words are never read as a
/// question about the candidate.
const TECHNICAL_TERMS: &[&str] = &[
    "race|races condition|conditions|detector|detectors",
    "data race|races",
    "child|children process|processes|node|nodes|element|elements|component|components|thread|threads|pod|pods|span|spans|task|tasks|row|rows|table|tables|class|classes|window|windows|theme|themes|selector|selectors|record|records|entity|entities|widget|widgets|view|views",
    "parent|parents and|or|to child|children",
    "native code|app|apps|application|applications|library|libraries|module|modules|binary|binaries|image|images|method|methods|compilation|memory|bindings|extension|extensions|build|builds|dependency|dependencies|api|apis|ui|client|clients|support|performance|driver|drivers|mobile|desktop|platform|platforms|integration|integrations|plugin|plugins",
    "react native",
    "age|ages of a|an|the|any|each|every|open|old|stale|cached|your? cache|cached|token|tokens|entry|entries|key|keys|record|records|message|messages|certificate|certificates|file|files|snapshot|snapshots|object|objects|log|logs|item|items|ticket|tickets|connection|connections|session|sessions|credential|credentials|secret|secrets|password|passwords|backup|backups|branch|branches|commit|commits|release|releases|build|builds|artifact|artifacts|dependency|dependencies|library|libraries|page|pages|content",
    "max age",
    "cache|token|entry|object|data|content|header age",
    "font|instance|model|product|device|browser|language|protocol|algorithm|chip|processor|api|sdk family|families",
    "family plan|plans|tree|trees|sharing|account|accounts|subscription|subscriptions|tier|tiers",
    "family|families of long-lived? branches|models|algorithms|products|services|devices|fonts|protocols|languages|instances|processors|chips",
    "health check|checks|checking|checker|probe|probes|endpoint|endpoints|dashboard|dashboards|status|score|scores|monitoring|metric|metrics|signal|signals",
    "health of a|an|the|your|our|each|every? on? call? cluster|clusters|service|services|system|systems|node|nodes|rotation|rotations|team|teams|database|databases|codebase|codebases|pipeline|pipelines|fleet|fleets|host|hosts|replica|replicas|backlog|backlogs|project|projects|product|products",
    "union all|type|types|find|query|queries|operator|operators|clause|clauses|select|selects",
    "nodes|replicas|peers|members|followers|candidates|raft|paxos vote|votes|voted|voting",
    "vote|votes|voting on architecture|design|decisions|proposals|features|changes",
    "count|counts|counting|tally|tallies votes|ballots",
    "vote|votes|voting for a|the? leader|leaders",
    "chroot|bsd|freebsd jail|jails",
    "jail|jails for|to an? untrusted",
    "disabled button|buttons|feature|features|flag|flags|state|states|input|inputs|field|fields|account|accounts|link|links|option|options|service|services|control|controls|element|elements|plugin|plugins|rule|rules|check|checks|test|tests|job|jobs",
    "discharge curve|curves|rate|rates|cycle|cycles",
    "battery discharge",
    "genetic algorithm|algorithms|programming|optimisation|optimization|operator|operators",
    "accent colour|color|colours|colors",
    "sick downstream? dependency|dependencies|service|services|node|nodes|replica|replicas|host|hosts|instance|instances|pod|pods|worker|workers|backend|backends",
];

/// Words after a bound match that make it technical: "your age groups", "your child processes".
const TECHNICAL_NEXT: &[&str] = &[
    "group",
    "groups",
    "bucket",
    "buckets",
    "distribution",
    "distributions",
    "feature",
    "features",
    "column",
    "columns",
    "data",
    "field",
    "fields",
    "attribute",
    "attributes",
    "variable",
    "variables",
    "bias",
    "split",
    "splits",
    "segment",
    "segments",
    "cohort",
    "cohorts",
    "condition",
    "conditions",
    "label",
    "labels",
    "process",
    "processes",
    "node",
    "nodes",
    "task",
    "tasks",
    "table",
    "tables",
    "class",
    "classes",
    "span",
    "spans",
    "run",
    "runs",
    "pipeline",
    "pipelines",
    "job",
    "jobs",
    "component",
    "components",
    "thread",
    "threads",
    "pod",
    "pods",
    "container",
    "containers",
    "of",
    "check",
    "checks",
    "metric",
    "metrics",
    "model",
    "models",
    "score",
    "scores",
    "endpoint",
    "endpoints",
    "service",
    "services",
];

/// Beginnings of words that put a sentence about technical work or about other people: the
/// protected words in it are what the work is about, not questions to the candidate.
const CONTEXT_STEMS: &[&str] = &[
    "model",
    "feature",
    "dataset",
    "data",
    "training",
    "bias",
    "fair",
    "demograph",
    "group",
    "subgroup",
    "cohort",
    "segment",
    "population",
    "attribut",
    "protected",
    "column",
    "variable",
    "proxy",
    "proxies",
    "label",
    "predict",
    "classif",
    "metric",
    "audit",
    "test",
    "evaluat",
    "parity",
    "disparate",
    "pipeline",
    "dag",
    "task",
    "node",
    "process",
    "container",
    "pod",
    "thread",
    "user",
    "customer",
    "applicant",
    "patient",
    "pii",
    "privacy",
    "anonymi",
    "gdpr",
    "hipaa",
    "complian",
    "regulat",
    "schema",
    "table",
    "field",
    "system",
    "api",
    "cluster",
    "inference",
    "algorithm",
    "sql",
    "query",
    "database",
    "dashboard",
    "experiment",
    "sample",
    "synthetic",
    "embedding",
    "llm",
    "prompt",
    "chatbot",
    "recommend",
    "survey",
    "engineer",
    "team",
    "employee",
    "staff",
    "colleague",
    "people",
    "report",
    "store",
    "cache",
    "cached",
    "workforce",
    "speakers",
    "triage",
    "healthcare",
    "research",
    "cluster",
    "score",
    "risk",
    "targeting",
    "ads",
    "parent",
    "airflow",
    "kubeflow",
    "spark",
    "span",
    "trace",
    "tree",
    "branch",
    "expir",
];

/// A protected phrasing found in a text.
#[derive(Debug)]
pub(crate) struct Finding {
    pub category: &'static Category,
    /// Byte range of the matched words.
    pub range: Range<usize>,
}

/// A lowercase word with the byte range it came from.
struct Word {
    text: String,
    range: Range<usize>,
}

fn words(sentence: &str, offset: usize) -> Vec<Word> {
    let mut out = Vec::new();
    for t in tokens(sentence) {
        let range = offset + t.range.start..offset + t.range.end;
        let lower = t.word.to_lowercase().replace('’', "'");
        let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_owned();
        let split: &[&str] = match lower.as_str() {
            "you're" => &["you", "are"],
            "you've" => &["you", "have"],
            "you'll" => &["you", "will"],
            "you'd" => &["you", "would"],
            "aren't" => &["are", "not"],
            "don't" => &["do", "not"],
            "didn't" => &["did", "not"],
            "haven't" => &["have", "not"],
            "weren't" => &["were", "not"],
            "won't" => &["will", "not"],
            _ => &[],
        };
        if split.is_empty() {
            out.push(Word { text: lower, range });
        } else {
            out.extend(split.iter().map(|w| Word {
                text: (*w).to_owned(),
                range: range.clone(),
            }));
        }
    }
    out
}

/// One element of a compiled pattern.
struct Element {
    alternatives: Vec<&'static str>,
    optional: bool,
}

impl Element {
    fn matches(&self, word: &str) -> bool {
        self.alternatives.iter().any(|&a| {
            a == word || a == "*" || (a == "#" && word.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

/// A pattern split into elements once, with the words a sentence must hold for it to match.
struct Pattern {
    elements: Vec<Element>,
    /// The alternatives of each required element that is not a wildcard: a sentence that has
    /// none of the words of one of them cannot match.
    required: Vec<Vec<&'static str>>,
}

impl Pattern {
    fn compile(pattern: &'static str) -> Pattern {
        let elements: Vec<Element> = pattern
            .split_whitespace()
            .map(|e| {
                let (alternatives, optional) = match e.strip_suffix('?') {
                    Some(a) => (a, true),
                    None => (e, false),
                };
                Element {
                    alternatives: alternatives.split('|').collect(),
                    optional,
                }
            })
            .collect();
        let required = elements
            .iter()
            .filter(|e| !e.optional && !e.alternatives.iter().any(|a| *a == "*" || *a == "#"))
            .map(|e| e.alternatives.clone())
            .collect();
        Pattern { elements, required }
    }

    /// The alternatives of the first required element without a common word.
    fn anchor(&self) -> Option<&Vec<&'static str>> {
        self.required
            .iter()
            .find(|alts| !alts.iter().any(|a| COMMON_WORDS.contains(a)))
    }

    /// Every match in `words`, as word index ranges; `present` holds the sentence's words.
    fn find(&self, words: &[Word], present: &[&str]) -> Vec<Range<usize>> {
        if !self
            .required
            .iter()
            .all(|alts| alts.iter().any(|a| present.binary_search(a).is_ok()))
        {
            return Vec::new();
        }
        (0..words.len())
            .filter_map(|i| {
                match_at(&self.elements, words, i)
                    .filter(|&e| e > i)
                    .map(|e| i..e)
            })
            .collect()
    }
}

/// The end (exclusive word index) of a match of `elements` starting at word `at`.
fn match_at(elements: &[Element], words: &[Word], at: usize) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else {
        return Some(at);
    };
    if words.get(at).is_some_and(|w| first.matches(&w.text)) {
        if let Some(end) = match_at(rest, words, at + 1) {
            return Some(end);
        }
    }
    if first.optional {
        return match_at(rest, words, at);
    }
    None
}

/// A category with its patterns compiled.
struct Compiled {
    category: &'static Category,
    bound: Vec<Pattern>,
    loose: Vec<Pattern>,
    lawful: Vec<Pattern>,
}

/// Words too common to tell a sentence apart.
const COMMON_WORDS: &[&str] = &[
    "a", "an", "any", "are", "did", "do", "does", "ever", "for", "had", "has", "have", "how", "in",
    "is", "of", "the", "this", "that", "to", "was", "were", "what", "when", "where", "which",
    "who", "will", "you", "your", "yours", "yourself", "it", "or", "and", "many", "much", "kind",
    "type", "nature", "more", "not", "be", "been",
];

/// The words of which a sentence must hold at least one for any bound or loose pattern to
/// match: for each pattern, the alternatives of its first required element that has no common
/// word. Sorted, for binary search.
fn anchors() -> &'static [&'static str] {
    static ANCHORS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        let mut words: Vec<&'static str> = compiled()
            .iter()
            .flat_map(|c| c.bound.iter().chain(&c.loose))
            .filter_map(Pattern::anchor)
            .flatten()
            .copied()
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

fn compiled() -> &'static [Compiled] {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let all = |ps: &'static [&'static str]| ps.iter().map(|p| Pattern::compile(p)).collect();
        CATEGORIES
            .iter()
            .map(|category| Compiled {
                category,
                bound: all(category.bound),
                loose: all(category.loose),
                lawful: all(category.lawful),
            })
            .collect()
    })
}

fn is_second_person(w: &Word) -> bool {
    matches!(w.text.as_str(), "you" | "your" | "yours" | "yourself")
}

fn addresses_candidate(words: &[Word]) -> bool {
    words.iter().any(is_second_person)
}

fn about_work_or_others(words: &[Word]) -> bool {
    words
        .iter()
        .any(|w| CONTEXT_STEMS.iter().any(|s| w.text.starts_with(s)))
}

/// Blanks the words of every engineering term ([`TECHNICAL_TERMS`]), so that no pattern
/// reads them.
fn mask_technical_terms(words: &mut [Word]) {
    static TERMS: OnceLock<Vec<Pattern>> = OnceLock::new();
    let terms = TERMS.get_or_init(|| {
        TECHNICAL_TERMS
            .iter()
            .map(|p| Pattern::compile(p))
            .collect()
    });
    let mut present: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    present.sort_unstable();
    let found: Vec<Range<usize>> = terms.iter().flat_map(|p| p.find(words, &present)).collect();
    for m in found {
        for w in &mut words[m] {
            w.text.clear();
        }
    }
}

/// The protected phrasings in `text`: at most one per category and sentence.
pub(crate) fn detect(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let words = words(&text[sentence.clone()], sentence.start);
        // Most sentences hold no word that any pattern needs: skip them at once.
        let anchors = anchors();
        if !addresses_candidate(&words)
            || !words
                .iter()
                .any(|w| anchors.binary_search(&w.text.as_str()).is_ok())
        {
            continue;
        }
        let technical = about_work_or_others(&words);
        let mut words = words;
        mask_technical_terms(&mut words);
        // A sentence has a few dozen words: a sorted list beats hashing them.
        let mut present: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        present.sort_unstable();
        for c in compiled() {
            if c.lawful
                .iter()
                .any(|p| !p.find(&words, &present).is_empty())
            {
                continue;
            }
            // A match that names the candidate ("your age") fires in any sentence; one that
            // does not ("arrest record") only in a sentence that is not about work or others.
            let bound = c
                .bound
                .iter()
                .flat_map(|p| p.find(&words, &present))
                .find(|m| {
                    words
                        .get(m.end)
                        .is_none_or(|next| !TECHNICAL_NEXT.contains(&next.text.as_str()))
                        && (!technical || words[m.clone()].iter().any(is_second_person))
                });
            let hit = bound.or_else(|| {
                if technical {
                    return None;
                }
                c.loose.iter().flat_map(|p| p.find(&words, &present)).next()
            });
            if let Some(m) = hit {
                out.push(Finding {
                    category: c.category,
                    range: words[m.start].range.start..words[m.end - 1].range.end,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::detect;

    /// The labelled phrasings in tests/data/protected-characteristic.txt.
    const LABELLED: &str = include_str!("../../tests/data/protected-characteristic.txt");

    #[test]
    fn labelled_phrasings() {
        let mut wrong = Vec::new();
        let (mut flagged, mut fine) = (0, 0);
        for line in LABELLED
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (label, text) = line.split_once('\t').expect("label<TAB>text");
            let found: Vec<&str> = detect(text).iter().map(|f| f.category.key).collect();
            if label == "ok" {
                fine += 1;
                if !found.is_empty() {
                    wrong.push(format!("flagged {found:?} but is fine: {text}"));
                }
            } else {
                flagged += 1;
                if found != [label] {
                    wrong.push(format!("expected [{label}], found {found:?}: {text}"));
                }
            }
        }
        assert!(
            flagged >= 40 && fine >= 40,
            "the set needs 40 of each ({flagged}, {fine})"
        );
        assert!(
            wrong.is_empty(),
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    /// The set written outside MLOps (tests/data/protected-characteristic-engineering.txt):
    /// recall at least 0.95 with the right category, and no lawful question flagged.
    #[test]
    fn engineering_set_recall_and_no_lawful_question_flagged() {
        const SET: &str = include_str!("../../tests/data/protected-characteristic-engineering.txt");
        let (mut unlawful, mut caught, mut lawful) = (0, 0, 0);
        let (mut missed, mut flagged) = (Vec::new(), Vec::new());
        for line in SET
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (label, text) = line.split_once('\t').expect("label<TAB>text");
            let found: Vec<&str> = detect(text).iter().map(|f| f.category.key).collect();
            if label == "ok" {
                lawful += 1;
                if !found.is_empty() {
                    flagged.push(format!("{found:?}: {text}"));
                }
            } else {
                unlawful += 1;
                if found.contains(&label) {
                    caught += 1;
                } else {
                    missed.push(format!("[{label}] found {found:?}: {text}"));
                }
            }
        }
        assert!(
            unlawful >= 60 && lawful >= 60,
            "{unlawful} unlawful, {lawful} lawful"
        );
        let recall = caught as f64 / unlawful as f64;
        assert!(
            recall >= 0.95 && flagged.is_empty(),
            "recall {recall:.3} ({caught}/{unlawful}); missed:\n{}\nlawful flagged ({}):\n{}",
            missed.join("\n"),
            flagged.len(),
            flagged.join("\n")
        );
    }

    #[test]
    fn every_pattern_has_an_anchor_word() {
        for c in super::compiled() {
            for p in c.bound.iter().chain(&c.loose) {
                let shown: Vec<String> = p
                    .elements
                    .iter()
                    .map(|e| e.alternatives.join("|"))
                    .collect();
                assert!(
                    p.anchor().is_some(),
                    "pattern \"{}\" of {} has only common words; the sentence filter would skip it",
                    shown.join(" "),
                    c.category.key
                );
            }
        }
    }

    #[test]
    fn points_at_the_words() {
        let text = "Tell me about your last project. Do you have any children?";
        let f = detect(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].range.clone()], "Do you have any children");
    }
}
