//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// qbank: an interview question bank as code. Lint it, print interview kits from it, export
/// it to a spreadsheet.
#[derive(Debug, Parser)]
#[command(name = "qbank", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a bank: YAML syntax, schemas, ids, topics, duplicates
    Lint(LintArgs),
    /// Print the documentation of a lint rule
    Rule(RuleArgs),
    /// Interview kits: list them, show a kit's questions, print it to PDF
    Kit(KitArgs),
    /// Interview loops: list them, show who asks what, print every interviewer's kit and the
    /// debrief sheet
    Loop(LoopArgs),
    /// Write the bank as CSV for spreadsheets, JSON for other tools, or Markdown
    #[command(subcommand)]
    Export(ExportCommand),
    /// Read questions back into the bank from a spreadsheet
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print the topic × level matrix of active questions against topics.yaml's minimums
    Coverage(CoverageArgs),
    /// Rewrite question, topic and kit files in the canonical layout, keeping comments
    Fmt(FmtArgs),
    /// Start a bank: example topics, questions and kit, qbank.toml, a pull-request workflow
    /// and pre-commit hooks; never overwrites a file
    Init(InitArgs),
    /// Start a question file: id, folder and schema line filled in, rubric lists to fill
    New(NewArgs),
    /// Counts by topic, level, kind and status; rubric gaps; questions due for review
    Stats(StatsArgs),
    /// The active questions closest to a text or to a question, with scores and shared subjects
    Similar(SimilarArgs),
    /// The sentence-embedding model that finds near duplicates by meaning: fetch it, show it
    #[command(subcommand)]
    Model(ModelCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// One row per question, lists one item per line in a cell
    Csv(CsvExportArgs),
    /// An Excel workbook: drop-down lists for the closed fields, frozen header, one row per
    /// question
    Xlsx(XlsxExportArgs),
    /// The whole bank (topics, questions, kits) as one JSON document
    Json(ExportArgs),
    /// One self-contained web page to browse the bank: filters, search as you type, kits and
    /// loops; no network needed
    Html(HtmlExportArgs),
    /// A Markdown page of the bank: topics as sections, questions with follow-ups and rubric
    Md(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// Only the questions of this kit
    #[arg(long)]
    pub kit: Option<String>,
    /// Write to this file (replaced at once, never left half-written); `-` or none: standard
    /// output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CsvExportArgs {
    #[command(flatten)]
    pub common: ExportArgs,
    /// The columns, in order (comma-separated; `all` for every column) [default: id,topic,
    /// levels,kind,minutes,text,follow_ups,strong,red_flags,tags,status,source,revision, and
    /// title, competencies, expect, anchor_1..anchor_4, level_anchors where a question uses
    /// them; also: similar_to, reviewed]. With id, revision is always added: import uses it to
    /// refuse rows whose question changed since the export
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
    /// For Excel: a UTF-8 byte-order mark and CRLF line ends
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, clap::Args)]
pub struct HtmlExportArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// The folder to write index.html to (made if missing), a file name ending in .html, or
    /// `-` for standard output
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// The page's title [default: Question bank]
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct XlsxExportArgs {
    #[command(flatten)]
    pub common: ExportArgs,
    /// The columns, in order (comma-separated; `all` for every column) [default: as for CSV]
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Update questions by id and create new ones from the rows of a CSV file
    Csv(CsvImportArgs),
    /// Update questions by id and create new ones from the rows of an Excel workbook
    Xlsx(CsvImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CsvImportArgs {
    /// The file, as written by `qbank export` or saved by a spreadsheet
    pub file: PathBuf,
    #[command(flatten)]
    pub bank: BankArg,
    /// Print what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import rows whose question changed in the bank since the export (their revision
    /// differs), overwriting those changes
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageBy {
    /// Topic × level, against topics.yaml's minimums
    Topic,
    /// Competency × level, against competencies.yaml's minimums
    Competency,
    /// Kind × level
    Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    /// An aligned table
    Human,
    /// One JSON document
    Json,
    /// A Markdown table, for a pull-request comment
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// Output format
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,
    /// The matrices to print, in order (comma-separated) [default: topic, and competency when
    /// the bank has a competencies.yaml]
    #[arg(long, value_enum, value_delimiter = ',')]
    pub by: Vec<CoverageBy>,
    /// One more matrix whose rows cross these dimensions (comma-separated), level by level:
    /// `--cross topic,kind` counts each topic's questions of each kind at each level, and
    /// `--cross topic,kind,competency` the whole cube. Printed after the `--by` matrices
    /// (alone when `--by` is not given); the JSON output always holds the whole cube
    #[arg(long, value_enum, value_delimiter = ',')]
    pub cross: Vec<CoverageBy>,
    /// Exit with 1 when a topic (or competency) is below its minimum at some level (the report
    /// is printed either way)
    #[arg(long)]
    pub fail_on_gap: bool,
    /// Colours in human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Bank folders, folders inside a bank, or files; YAML files outside any bank (no
    /// topics.yaml in their folder or above) are skipped [default: questions]
    pub paths: Vec<PathBuf>,
    /// A bank folder, as an option (the same as naming it among the PATHS)
    #[arg(long, value_name = "DIR")]
    pub bank: Vec<PathBuf>,
    /// Write nothing; print the changes as a diff and exit with 1 when a file is not formatted
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The repository folder to start the bank in (the bank goes to DIR/questions)
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The question, as the interviewer asks it
    #[arg(long)]
    pub text: Option<String>,
    /// The topic id, one of topics.yaml's
    #[arg(long)]
    pub topic: Option<String>,
    /// The levels it suits (comma-separated: junior, mid, senior, staff)
    #[arg(long, value_delimiter = ',', value_enum)]
    pub levels: Vec<LevelArg>,
    /// What sort of answer it asks for
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Minutes it takes in an interview
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub minutes: Option<u32>,
    /// A short title for scorecards and tables (one line, at most 60 characters)
    #[arg(long)]
    pub title: Option<String>,
    /// The one or two competencies it measures (comma-separated ids from competencies.yaml)
    #[arg(long, value_delimiter = ',')]
    pub competencies: Vec<String>,
    /// The id and file name [default: the first words of the text, in kebab-case, made
    /// unique in the bank]
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub bank: BankArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Junior,
    Mid,
    Senior,
    Staff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Concept,
    Experience,
    Tooling,
    Scenario,
    Behavioral,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Human)]
    pub format: StatsFormat,
    /// A question is due for review when its `reviewed` date (or else its last change in git)
    /// is older than this many days
    #[arg(long, default_value_t = 365, value_name = "DAYS")]
    pub stale_after: u32,
    /// The date to count from, YYYY-MM-DD [default: SOURCE_DATE_EPOCH, or today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  qbank similar \"How would you roll out a new model to a few users first?\"\n  qbank similar --id canary-deployment --limit 10"
)]
pub struct SimilarArgs {
    /// The text of a question, for instance one you are about to add
    #[arg(required_unless_present = "id", conflicts_with = "id")]
    pub text: Option<String>,
    /// A question of the bank, by id, instead of a text
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub bank: BankArg,
    /// How many questions to show at most
    #[arg(long, short = 'n', default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,
    /// Output format
    #[arg(long, value_enum, default_value_t = SimilarFormat::Human)]
    pub format: SimilarFormat,
    /// Read the near-duplicate threshold from this file instead of the qbank.toml found from
    /// the bank folder up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimilarFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download the model the bank names (qbank.toml `[model] name`, else all-MiniLM-L6-v2) or
    /// --model into the user cache folder (or --dir), checked against pinned SHA-256 sums
    #[command(
        after_help = "Examples:\n  qbank model fetch\n  qbank model fetch --from /mnt/mirror/all-MiniLM-L6-v2 --dir models/minilm\n  qbank model fetch --model all-mpnet-base-v2 --dir models/mpnet"
    )]
    Fetch(ModelFetchArgs),
    /// Say which model folder qbank uses for a bank, and why, and check its files
    Path(ModelPathArgs),
}

#[derive(Debug, clap::Args)]
pub struct ModelFetchArgs {
    /// Which model: all-MiniLM-L6-v2 (fast) or all-mpnet-base-v2 (closer to meaning, eight
    /// times the cost) [default: the one the bank's qbank.toml names in `[model] name`, else
    /// all-MiniLM-L6-v2]
    #[arg(
        long,
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new(
            qbank_embed::KNOWN_MODELS.map(|m| m.short)
        )
    )]
    pub model: Option<String>,
    /// The bank folder whose qbank.toml may name the model
    #[arg(long, default_value = "questions")]
    pub bank: PathBuf,
    /// Read this file instead of the qbank.toml found from the bank folder up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where to put the model (default: qbank/models/NAME in the user cache folder)
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// A folder or a base URL to copy the files from instead of the public hub
    #[arg(long, value_name = "DIR|URL")]
    pub from: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ModelPathArgs {
    /// The bank folder (its qbank.toml may name a model folder)
    #[arg(long, default_value = "questions")]
    pub bank: PathBuf,
    /// Read this file instead of the qbank.toml found from the bank folder up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// Code snippets with the place underlined (default on a terminal)
    Human,
    /// One JSON document with a `diagnostics` array
    Json,
    /// GitHub Actions annotations (default when GITHUB_ACTIONS=true)
    Github,
    /// SARIF 2.1.0 for code scanning
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    pub format: Option<LintFormat>,
    /// Only run these rules (comma-separated names)
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated names)
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 on warnings too [default: `[lint] deny-warnings` in qbank.toml, or false]
    #[arg(long)]
    pub deny_warnings: bool,
    /// Read settings from this file instead of the qbank.toml found from the bank folder up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only report findings on files changed since this git ref (as in a pull request: the
    /// ref...HEAD diff, plus uncommitted and untracked files); the whole bank is still checked
    #[arg(long, value_name = "GIT-REF")]
    pub changed_since: Option<String>,
    /// Colours in human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to standard output: `auto` means a terminal, and no
    /// `NO_COLOR` set to something.
    pub fn on_stdout(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// The rule's name, e.g. duplicate-id
    #[arg(required_unless_present = "all")]
    pub name: Option<String>,
    /// Print every rule's documentation
    #[arg(long, conflicts_with = "name")]
    pub all: bool,
}

#[derive(Debug, clap::Args)]
pub struct KitArgs {
    #[command(subcommand)]
    pub command: KitCommand,
}

#[derive(Debug, Subcommand)]
pub enum KitCommand {
    /// List the kits of a bank, and whether each can be drawn
    List(KitListArgs),
    /// Print the questions a kit draws, in kit order
    Show(KitShowArgs),
    /// Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice
    Build(KitBuildArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KitFormat {
    /// Text for people
    Human,
    /// One JSON document
    Json,
}

/// The bank, for commands whose operands are something else (a kit, a text, a file):
/// `--bank DIR`.
#[derive(Debug, clap::Args)]
pub struct BankArg {
    /// The bank folder (holding topics.yaml)
    #[arg(long, default_value = "questions", value_name = "DIR")]
    pub bank: PathBuf,
}

/// The bank, for commands that take no other operand: `qbank lint DIR` and `qbank lint --bank
/// DIR` are the same, so `--bank` works on every command.
#[derive(Debug, clap::Args)]
pub struct BankOperand {
    /// The bank folder (holding topics.yaml) [default: questions]
    #[arg(value_name = "BANK", id = "bank_operand")]
    pub operand: Option<PathBuf>,
    /// The bank folder, as an option (the same as the BANK operand)
    #[arg(
        long = "bank",
        id = "bank_option",
        value_name = "DIR",
        conflicts_with = "bank_operand"
    )]
    pub option: Option<PathBuf>,
}

impl BankOperand {
    /// The bank folder given either way, or `questions`.
    pub fn path(&self) -> PathBuf {
        self.operand
            .clone()
            .or_else(|| self.option.clone())
            .unwrap_or_else(|| PathBuf::from("questions"))
    }
}

#[derive(Debug, clap::Args)]
pub struct DrawArgs {
    /// Let near-duplicate questions share the kit (similar_to pairs are still kept apart)
    #[arg(long)]
    pub allow_near_duplicates: bool,
}

#[derive(Debug, clap::Args)]
pub struct KitListArgs {
    #[command(flatten)]
    pub bank: BankOperand,
    /// Output format
    #[arg(long, value_enum, default_value_t = KitFormat::Human)]
    pub format: KitFormat,
}

#[derive(Debug, clap::Args)]
pub struct KitShowArgs {
    /// The kit's id: the name of a file in <bank>/kits/ without .yaml (none: list the kits)
    pub kit: Option<String>,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = KitFormat::Human)]
    pub format: KitFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    /// Everything: rubric, red flags, rating rows, notes and the scorecard
    Interviewer,
    /// The questions and room to answer, for a handout or a take-home sheet
    Candidate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// 210 x 297 mm
    A4,
    /// US Letter, 8.5 x 11 in
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// A PDF to print
    Pdf,
    /// A Word document to edit before printing, in Word or LibreOffice
    Docx,
}

impl DocumentFormat {
    /// The id of the format in [`qbank_export::formats::FORMATS`].
    pub fn id(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct KitBuildArgs {
    /// The kit's id: the name of a file in <bank>/kits/ without .yaml (none: list the kits)
    pub kit: Option<String>,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// Where to write the file; `-` for standard output [default: <kit>.pdf, or
    /// <kit>-candidate.pdf for the candidate edition; .docx for --format docx]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The candidate's name, printed on every page
    #[arg(long, value_name = "NAME")]
    pub candidate: Option<String>,
    /// The interviewer's name
    #[arg(long, value_name = "NAME")]
    pub interviewer: Option<String>,
    /// The interview date, YYYY-MM-DD [default: from SOURCE_DATE_EPOCH, else left blank to fill in]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Which edition to print [default: the kit's `edition`, else interviewer]
    #[arg(long, value_enum)]
    pub edition: Option<EditionArg>,
    /// Paper size
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// File format
    #[arg(long, value_enum, default_value_t = DocumentFormat::Pdf)]
    pub format: DocumentFormat,
    /// Page layout [default: the kit's `layout`, else standard]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// A question to a page with room for notes; instructions and rating scale first
    Standard,
    /// Two or three questions to a page, for screens; the scorecard follows the questions
    Compact,
}

#[derive(Debug, clap::Args)]
pub struct LoopArgs {
    #[command(subcommand)]
    pub command: LoopCommand,
}

#[derive(Debug, Subcommand)]
pub enum LoopCommand {
    /// List the loops of a bank, and whether each can be drawn
    List(KitListArgs),
    /// Print each interview's questions and which interview covers which competency
    Show(LoopShowArgs),
    /// Write every interviewer's kit and the debrief sheet into a folder
    Build(LoopBuildArgs),
}

#[derive(Debug, clap::Args)]
pub struct LoopShowArgs {
    /// The loop's id: the name of a file in <bank>/loops/ without .yaml
    #[arg(value_name = "LOOP")]
    pub id: String,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = KitFormat::Human)]
    pub format: KitFormat,
}

#[derive(Debug, clap::Args)]
pub struct LoopBuildArgs {
    /// The loop's id: the name of a file in <bank>/loops/ without .yaml
    #[arg(value_name = "LOOP")]
    pub id: String,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// The folder to write into (created if missing): <n>-<kit>.pdf per interview and
    /// debrief.pdf
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// The candidate's name, printed on every page
    #[arg(long, value_name = "NAME")]
    pub candidate: Option<String>,
    /// The date of the loop, YYYY-MM-DD [default: from SOURCE_DATE_EPOCH, else left blank to fill in]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Paper size
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// File format
    #[arg(long, value_enum, default_value_t = DocumentFormat::Pdf)]
    pub format: DocumentFormat,
    /// Page layout of every kit [default: each kit's `layout`, else standard]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
}
