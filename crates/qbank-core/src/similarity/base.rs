//! The built-in vocabulary: what every MLOps question bank shares before its own `synonyms`.
//!
//! Three lists. [`STOP_WORDS`] are words that never name a subject: function words and the
//! verbs interview questions are framed with ("discuss", "describe", "handle"). [`FRAMES`] are
//! phrases that frame a question without saying what it is about ("can you discuss an
//! experience you have had with", "tell me about a time"); they are removed whole, so their
//! words can still count where they do name a subject ("explain" in "explain predictions").
//! [`SYNONYMS`] are groups of phrases that name one subject, the first being the canonical
//! name, in the same form as a topic's `synonyms` in topics.yaml; a bank's groups are merged
//! with these.
//!
//! Everything here goes through the same normalisation as question text (lowercase, American
//! spelling, stemming), so inflected forms need not be listed.

/// Words that never name the subject of a question.
pub const STOP_WORDS: &str = "
    a about above across after again against all almost along already also although always am
    among an and another any anyone anything are around as at b be became because become been
    before being below best better between both but by can cannot could d did do does doing done
    down during each either else enough etc even ever every everyone everything example
    examples few first for from further get gets getting give given go goes going got had has
    have having he her here hers him his how however i if in include including into is it its
    itself just kind kinds least less let like ll lot lots m made make makes making many may me
    might more most much must my myself need needs new no nor not now of off often on once one
    only or other others otherwise our ours out over own particular particularly per perhaps
    please put rather re really s same say see seem seems shall she should since so some
    someone something sometimes somewhat such sure t take takes taking tell than that the their
    them themselves then there these they thing things this those though through thus to
    together too toward towards typical typically under until up upon us use used uses using
    usual usually ve very via was way ways we well were what whatever when where whether which
    while who whom whose why will with within without would yes yet you your yours yourself
    e g eg ie i.e e.g vs versus onto
    manage managed managing management
    describe described describing discuss discussed discussing talk talked share
    tell told walk walked think thought believe know knew feel felt consider considered
    mention elaborate outline detail details briefly brief overall generally general
    approach approaches handle handled handling deal dealing address addressed addressing
    ensure ensuring ensured tackle tackled go went about regarding related relating
    experience experiences experienced familiar familiarity worked work working works
    implement implemented implementing implementation employ employed leverage leveraged
    apply applied applying utilize try tried
    situation scenario case cases time times instance past recent recently previous
    previously current currently today nowadays day days
    project projects role company companies organization organizations team teams
    concept concepts idea ideas notion term terms meaning mean means definition
    important importance matter matters significance significant benefit benefits value
    purpose point
    solution solutions system systems service offering
    ml machine learning ai artificial intelligence
    question questions answer interview interviewer candidate
    specific certain various different several multiple similar particular
    good great key main major common typical best practices practice strategy strategies
    step steps process processes method methods technique techniques
";

/// Words that introduce examples: the terms after them, up to the end of the clause, weigh
/// less ("explainability tools such as SHAP or LIME" is about explainability tools).
pub const EXAMPLE_MARKERS: &[&str] = &[
    "such as",
    "for example",
    "for instance",
    "e.g.",
    "eg",
    "including",
    "like",
    "say",
];

/// Verbs that open an imperative question ("Explain federated learning…", "Describe a time…"):
/// as the first word of a sentence they frame it, even where elsewhere they name a subject
/// ("explain predictions").
pub const OPENING_VERBS: &[&str] = &[
    "explain", "describe", "define", "compare", "contrast", "outline", "discuss", "list", "name",
    "give", "tell", "walk", "share",
];

/// Common words that say how rather than what: they count, but weigh little.
pub const LIGHT_WORDS: &str = "
    able actual actually add added adding ago allow allows ask asked avoid back bad basic begin
    big bring call came care carry cause caused causes change changes check checks choose chose
    clear close come comes complete completely control cover create created decide decided
    define defined deliver different differently difficult do easy effective effectively
    efficient efficiently end ends entire especially exact exactly expect face fact far feel
    field figure find fine fit fix fixed focus follow following form full gain get good grow
    happen happened happens hard help helps high hold holds huge ideal impact improve involve
    involved involves keep kept know known large last later lead learn learned leave level life
    little long look looked looking lose low main maintain major mind month months move moved
    name near necessary next number old open order part parts people person pick piece place
    plan planned possible prefer prepare present pretty problem problems proper provide provided
    quick quickly raise reach reaches ready real reason reasons receive remain remember require
    requires required respond responded result results right rule run runs running save see
    seeing seen send sent serious set setting setup show shown side sign simple small solve
    solved someone sort spend stand start started stay still stop style suppose system task
    tasks thing think touch turn turned type types understand view want whole wide word world
    worry write written wrong year years two three four five six ten hundred thousand dozen
    new newly old older early earlier late latest later long longer short shorter
    workload workloads job jobs pipeline pipelines workflow workflows
    industry field area domain space environment environments setting settings context
    useful helpful possible impossible valuable necessary
    differ difference differences compare compared comparing comparison
    heavily highly very spread reduce reducing increase lower minimize maximize optimize optimization improve
    production deploy mlops
    error errors issue issues thing stuff
";

/// Phrases that frame a question without naming its subject. Removed whole, before single
/// words are looked at.
pub const FRAMES: &[&str] = &[
    "can you discuss an experience you have had with",
    "can you discuss a experience you have had with",
    "can you discuss your experience with",
    "can you walk me through",
    "walk me through",
    "can you tell me about",
    "tell me about a time when",
    "tell me about a time",
    "tell me about",
    "give an example of",
    "give me an example of",
    "can you give an example",
    "can you explain the concept of",
    "explain the concept of",
    "can you explain",
    "what is the concept of",
    "in your own words",
    "in your experience",
    "from your experience",
    "what is your experience with",
    "what's your experience with",
    "what experience do you have with",
    "have you worked with any",
    "have you ever worked with",
    "have you worked with",
    "have you had experience with",
    "have you used any",
    "have you ever used",
    "or something similar",
    "or similar",
    "or a similar",
    "and how it can be used in mlops",
    "how it can be used in mlops",
    "and its role in mlops",
    "its role in mlops",
    "role in mlops",
    "in an mlops pipeline",
    "in a mlops pipeline",
    "in the mlops pipeline",
    "in mlops pipelines",
    "in your mlops pipeline",
    "in mlops",
    "for mlops",
    "in an mlops context",
    "in the context of mlops",
    "how would you go about",
    "how do you go about",
    "go about",
    "what steps do you take to",
    "what is your approach to",
    "what's your approach to",
    "what is your strategy for",
    "what's your strategy for",
    "how do you make sure",
    "make sure",
    "what do you do",
    "what did you do",
    "how did you",
    "how do you",
    "how would you",
    "how have you",
    "what would you",
    "have you ever",
    "have you",
    "do you",
    "would you",
];

/// Groups of phrases that name one subject; the first is the canonical name. The same form as
/// `synonyms` in topics.yaml.
pub const SYNONYMS: &[&[&str]] = &[
    // The field itself.
    &[
        "mlops",
        "machine learning operations",
        "ml operations",
        "ml ops",
        "mlops practices",
    ],
    &["devops", "development and operations", "dev ops"],
    &[
        "model",
        "ml model",
        "machine learning model",
        "predictive model",
    ],
    &[
        "data",
        "input data",
        "incoming data",
        "data feeding",
        "data fed into",
        "dataset",
        "data set",
        "datasets",
    ],
    &[
        "tool",
        "tools or platforms",
        "tools and platforms",
        "platform",
        "framework",
        "library",
        "software",
        "technology",
        "tooling",
        "toolkit",
    ],
    &["classification model", "classifier", "classification"],
    &["regression model", "regressor", "regression"],
    &[
        "production",
        "live traffic",
        "production traffic",
        "real traffic",
        "live",
        "real users",
        "prod",
        "production environment",
        "live environment",
        "in production",
    ],
    &[
        "deploy",
        "launch",
        "integrate into production",
        "integration into production",
        "get into production",
        "running in production",
        "deployment",
        "release",
        "roll out",
        "rollout",
        "ship",
        "put into production",
        "push to production",
        "take to production",
        "go live",
        // A new version is a release; "version" alone is version control. Two words, so
        // that a cue that describes how the new version is released comes first.
        "new version",
        "newer version",
        "latest version",
        "next version",
        "updated version",
    ],
    &[
        "model serving",
        "expose a model",
        "expose the model",
        "serve predictions over http",
        "rest api for the model",
        "model behind an api",
        "serving",
        "serve",
        "tensorflow serving",
        "tf serving",
        "seldon",
        "seldon core",
        "kserve",
        "kfserving",
        "clipper",
        "torchserve",
        "triton",
        "bentoml",
        "inference serving",
        "serving predictions",
        "serve predictions",
        "model server",
        "serve models",
        "serve a model",
    ],
    &["inference", "prediction", "scoring", "predict"],
    &[
        "batch inference",
        "batch prediction",
        "batch scoring",
        "offline inference",
    ],
    &[
        "real-time inference",
        "online inference",
        "online prediction",
        "real-time prediction",
        "real-time scoring",
        "online scoring",
    ],
    &[
        "latency",
        "how long a prediction takes",
        "time to respond",
        "milliseconds",
        "faster",
        "fast",
        "speed",
        "speed up",
        "respond faster",
        "slow",
        "response time",
        "inference latency",
        "prediction latency",
    ],
    &[
        "throughput",
        "predictions per second",
        "requests per minute",
        "how many requests",
        "requests per second",
        "queries per second",
    ],
    // Delivery.
    &[
        "ci/cd",
        "build test and deploy",
        "automated build and deployment",
        "automated testing and deployment",
        "deployment pipeline",
        "release pipeline",
        "github actions",
        "jenkins",
        "gitlab ci",
        "continuous integration and delivery",
        "continuous integration and deployment",
        "continuous integration and continuous delivery",
        "continuous integration and continuous deployment",
        "ci cd",
        "cicd",
    ],
    &["continuous integration", "ci"],
    &["continuous delivery", "continuous deployment", "cd"],
    &[
        "rollback",
        "known-good version",
        "last known good version",
        "last good version",
        "previous model",
        "previous model version",
        "undo a deployment",
        "undo a release",
        "switch back to",
        "revert to",
        "back out",
        "roll it back",
        "rolled back",
        "roll back",
        "revert",
        "roll-back",
        "go back to",
        "restore",
        "previous version",
        "earlier version",
    ],
    &[
        "roll forward",
        "push a fix forward",
        "ship a fix",
        "deploy a fix",
        "fix forward",
        "roll-forward",
    ],
    &[
        "canary deployment",
        "small percentage of traffic",
        "small percentage of users",
        "small fraction of traffic",
        "small fraction of users",
        "small share of traffic",
        "small portion of traffic",
        "small subset of users",
        "small group of users",
        "few percent of traffic",
        "percent of traffic first",
        "gradually shift traffic",
        "gradually increase traffic",
        "gradually move traffic",
        "ramp up traffic",
        "ramp traffic",
        "gradual rollout",
        "progressive rollout",
        "progressive delivery",
        "incremental rollout",
        "staged rollout",
        "phased rollout",
        "canaries",
        "canary release",
        "canary rollout",
        "canary",
        "canarying",
    ],
    &[
        "blue-green deployment",
        "two identical environments",
        "two identical production environments",
        "two production environments",
        "two parallel environments",
        "switch all traffic",
        "switch traffic over",
        "flip traffic",
        "flip all traffic",
        "cut over all traffic",
        "cutover",
        "swap environments",
        "standby environment",
        "idle environment",
        "switch the router",
        "switch the load balancer",
        "blue/green deployment",
        "blue green deployment",
        "blue-green",
        "red-black deployment",
    ],
    &[
        "shadow deployment",
        "dark launching",
        "dark launch",
        "dark-launch",
        "dark launches",
        "without users seeing",
        "without users ever seeing",
        "without serving its predictions",
        "without serving its answers",
        "without showing its predictions",
        "predictions are not served",
        "predictions are only logged",
        "mirror traffic",
        "mirrored traffic",
        "traffic mirroring",
        "mirror production traffic",
        "copy of live traffic",
        "copy of production traffic",
        "run alongside the current model",
        "alongside the current model",
        "in parallel with the current model",
        "silent mode",
        "shadow model",
        "shadow models",
        "shadow mode",
        "shadow testing",
        "shadow traffic",
        "shadowing",
    ],
    &[
        "a/b testing",
        "split traffic between two models",
        "split traffic between models",
        "split users between",
        "randomly assign users",
        "randomized experiment",
        "controlled experiment",
        "compare two models on live traffic",
        "compare models on live traffic",
        "compare models on real users",
        "statistical significance",
        "sample size",
        "a/b test",
        "a/b tests",
        "ab testing",
        "ab test",
        "split test",
        "split testing",
        "online experiment",
        "online controlled experiment",
    ],
    &[
        "multi-armed bandit",
        "explore and exploit",
        "exploration and exploitation",
        "explore-exploit",
        "thompson sampling",
        "upper confidence bound",
        "shift traffic to the better model automatically",
        "contextual bandit",
        "bandit",
        "bandits",
        "bandit algorithm",
        "mab",
    ],
    // Versioning and experiments.
    &[
        "version control",
        "versioning",
        "version",
        "source control",
        "git",
    ],
    &[
        "model registry",
        "store of versioned models",
        "catalog of versioned models",
        "repository of trained models",
        "store of trained models",
        "central store of models",
        "where trained models are stored",
        "store trained models",
        "promote a model to production",
        "model stage",
        "model staging",
        "model store",
        "model repository",
        "model catalog",
        "registry of models",
    ],
    &[
        "experiment tracking",
        "log parameters and metrics",
        "log metrics and parameters",
        "record parameters and metrics",
        "log hyperparameters",
        "record hyperparameters",
        "log experiments",
        "record experiments",
        "keep track of experiments",
        "track training runs",
        "compare runs",
        "compare training runs",
        "which settings produced which model",
        "neptune",
        "comet",
        "track experiments",
        "experiment tracker",
        "run tracking",
        "tracking experiments",
        "mlflow tracking",
        "weights & biases",
        "weights and biases",
        "wandb",
    ],
    &[
        "experiment",
        "experiment run",
        "training run",
        "training runs",
    ],
    &[
        "reproducibility",
        "repeatable",
        "deterministic",
        "determinism",
        "nondeterminism",
        "non-determinism",
        "nondeterministic",
        "non-deterministic",
        "get the same model again",
        "rebuild the same model",
        "reproduce a model",
        "reproduce results",
        "reproduce a training run",
        "same data and code",
        "pin dependencies",
        "fix random seeds",
        "random seed",
        "random seeds",
        "deterministic training",
        "reproducible",
        "reproduce",
        "rerun",
        "re-run",
        "recreate",
        "same results",
    ],
    &["dvc", "data version control"],
    &[
        "data versioning",
        "dataset versioning",
        "data set versioning",
        "versioned datasets",
        "versioned data",
        "dataset versions",
        "data snapshots",
    ],
    &[
        "data leakage",
        "target leakage",
        "label leakage",
        "leakage",
        "leaky features",
        "leaking labels",
        "train-test contamination",
    ],
    &[
        "point-in-time correctness",
        "point-in-time join",
        "point-in-time joins",
        "as-of join",
        "as-of joins",
        "time travel queries",
    ],
    &[
        "champion-challenger",
        "champion challenger",
        "champion/challenger",
        "champion and challenger",
        "challenger model",
        "champion model",
        "incumbent model",
    ],
    &[
        "dependency management",
        "dependency pinning",
        "python dependencies",
        "library versions",
        "package versions",
        "requirements file",
        "lock file",
        "lockfile",
        "dependency hell",
    ],
    &[
        "lineage",
        "data lineage",
        "where data came from",
        "where data comes from",
        "where the data came from",
        "where the data comes from",
        "origin of the data",
        "data origin",
        "came from and how it was transformed",
        "how it was transformed",
        "trace a prediction back",
        "trace data back",
        "trace a model back",
        "audit trail",
        "provenance",
        "traceability",
        "trace",
    ],
    // Data.
    &[
        "data pipeline",
        "turn raw data into",
        "transform raw data",
        "process raw data",
        "clean raw data",
        "ingest data",
        "data ingestion",
        "ingestion",
        "extract transform load",
        "data flow",
        "move data",
        "data pipelines",
        "etl",
        "etl pipeline",
        "ingestion pipeline",
    ],
    &[
        "feature engineering",
        "model-ready features",
        "build features",
        "create features",
        "derive features",
        "feature extraction",
        "feature transformation",
        "raw data into features",
        "feature preprocessing",
        "preprocessing",
        "feature pipeline",
        "feature pipelines",
        "feature computation",
        "compute features",
        "feature transformations",
    ],
    &[
        "feature store",
        "central repository of features",
        "central store of features",
        "shared repository of features",
        "features for both training and serving",
        "features for training and serving",
        "both training and inference",
        "both training and online inference",
        "training and online inference",
        "offline training and online serving",
        "training and online serving",
        "repository of features",
        "store of features",
        "catalog of features",
        "registry of features",
        "feature registry",
        "central place for features",
        "shared features",
        "reuse features",
        "reusable features",
        "feature reuse",
        "same features for training and serving",
        "serve features online",
        "online features and offline features",
        "feature platform",
        "feast",
        "tecton",
    ],
    &[
        "data labeling",
        "get labels",
        "obtain labels",
        "collect labels",
        "human labelers",
        "human annotators",
        "labelers",
        "annotators",
        "label quality",
        "labelling",
        "labeling tool",
        "active learning",
        "weak supervision",
        "data annotation",
        "labeling",
        "annotation",
        "annotate",
        "label data",
        "labeled data",
    ],
    &[
        "data validation",
        "bad data",
        "bad input data",
        "bad values",
        "invalid data",
        "invalid values",
        "corrupt data",
        "corrupted data",
        "malformed data",
        "malformed records",
        "bad or missing values",
        "bad or missing data",
        "data contracts",
        "data contract",
        "schema validation",
        "validate inputs",
        "input validation",
        "sanity checks on data",
        "data tests",
        "check data",
        "checks on data",
        "data quality",
        "data checks",
        "data quality checks",
        "great expectations",
        "validate data",
        "validate incoming data",
        "schema checks",
    ],
    &[
        "data privacy",
        "personal details",
        "customer data",
        "user data",
        "protected data",
        "gdpr",
        "hipaa",
        "data protection",
        "privacy regulations",
        "private data",
        "sensitive information",
        "sensitive fields",
        "right to be forgotten",
        "privacy",
        "personal data",
        "sensitive data",
        "pii",
        "personally identifiable information",
        "personal information",
        "confidential data",
    ],
    &["security", "secure", "safe"],
    &[
        "bias",
        "discriminate",
        "discrimination",
        "disparate impact",
        "skewed against",
        "biases",
        "biased",
        "unfair",
    ],
    &[
        "fairness",
        "treat groups equally",
        "equal treatment",
        "demographic parity",
        "equalized odds",
        "equal opportunity",
        "fairness metrics",
        "protected groups",
        "protected attributes",
        "fair",
        "equitable",
        "treat groups fairly",
    ],
    &[
        "imbalanced data",
        "class imbalance",
        "imbalanced classes",
        "unbalanced data",
    ],
    &["missing data", "missing values", "null values"],
    &["label noise", "noisy labels", "mislabeled data"],
    &["data augmentation", "augment data", "augmentation"],
    &["schema evolution", "schema change", "schema changes"],
    &[
        "training-serving skew",
        "worse online than offline",
        "features computed differently offline",
        "features computed differently offline and online",
        "features computed differently online and offline",
        "features computed differently online",
        "better offline than online",
        "worse online",
        "works offline but not online",
        "features computed differently",
        "computed differently offline and online",
        "computed differently in training and serving",
        "computed differently in training and production",
        "mismatch between training and serving",
        "mismatch between training and production",
        "difference between training and serving",
        "differences between training and serving",
        "offline and online features differ",
        "train-serving skew",
        "training serving skew",
        "online-offline mismatch",
        "offline-online mismatch",
        "serving skew",
        "same feature code for training and serving",
        "same transformations in training and serving",
        "consistent between training and serving",
        "consistency between training and serving",
        "training-serving consistency",
        "train-serve skew",
        "training/serving skew",
        "train/serve skew",
        "online-offline skew",
        "offline-online skew",
    ],
    // Monitoring.
    &[
        "monitoring",
        "detect",
        "detecting",
        "detection",
        "catch",
        "notice",
        "keep watch",
        "dashboards",
        "dashboard",
        "health checks",
        "observability tools",
        "track",
        "monitor",
        "observability",
        "observe",
        "keep an eye on",
        "keep track of",
        "watch",
    ],
    &[
        "alerting",
        "how are you told",
        "be told",
        "get told",
        "get notified",
        "be notified",
        "wake someone up",
        "page someone",
        "alarms",
        "alarm",
        "alert",
        "alerts",
        "paging",
        "page",
        "notify",
        "notification",
        "on-call alerts",
    ],
    &[
        "troubleshoot",
        "figure out what went wrong",
        "find out why",
        "find the cause",
        "track down",
        "diagnosis",
        "debug",
        "diagnose",
        "root cause",
        "investigate",
        "debugging",
    ],
    &[
        "data drift",
        "inputs change over time",
        "input data changes",
        "incoming data changes",
        "incoming data looks different",
        "data looks different",
        "production data differs from training data",
        "live data differs from training data",
        "data no longer looks like the training data",
        "distribution of features",
        "feature distribution",
        "feature distributions",
        "data distribution",
        "data distributions",
        "distribution of the inputs",
        "distribution of incoming data",
        "population drift",
        "data shift",
        "dataset shift",
        "input distribution",
        "change in input distribution",
        "input data shift",
        "input data drift",
        "data distribution shift",
        "covariate shift",
        "input drift",
        "feature drift",
        "distribution shift",
        "input distribution shift",
        "distribution of input data",
    ],
    &[
        "concept drift",
        "relationship between inputs and labels",
        "relationship between features and labels",
        "relationship between inputs and outputs",
        "relationship between features and target",
        "relationship between features and the target",
        "relationship between inputs and the target",
        "mapping from inputs to outputs",
        "what the label means changes",
        "concept shift",
        "relationship between inputs and target",
    ],
    &[
        "model drift",
        "worse predictions",
        "predictions get worse",
        "predictions got worse",
        "predictions degrade",
        "model degrades",
        "model degraded",
        "degrades over time",
        "performance degrades",
        "performance degradation",
        "performance drops",
        "accuracy drops",
        "accuracy drop",
        "drop in accuracy",
        "loses accuracy",
        "stale model",
        "stale models",
        "model gets stale",
        "model goes stale",
        "model decay",
        "model degradation",
        "model staleness",
        "performance decay",
    ],
    &["drift", "shift"],
    &[
        "retrain",
        "train again",
        "train it again",
        "retrain on fresh data",
        "train on fresh data",
        "train on new data",
        "fresh data",
        "continuous training",
        "continual training",
        "scheduled retraining",
        "periodic retraining",
        "refresh models",
        "model refresh",
        "keep the model up to date",
        "keep models up to date",
        "update the model",
        "update models",
        "retraining",
        "re-train",
        "refresh the model",
    ],
    &[
        "feedback loop",
        "feedback loops",
        "fed back",
        "feed back",
        "ground truth",
        "ground-truth labels",
    ],
    &[
        "incident",
        "production incident",
        "broke in production",
        "breaks in production",
        "something breaks",
        "failed in production",
        "outage",
        "failure",
        "failed",
        "went wrong",
        "goes wrong",
        "misbehave",
        "misbehaving",
    ],
    &[
        "post-mortem",
        "blameless review",
        "lessons learned",
        "after an incident",
        "after the incident",
        "postmortem",
        "incident review",
        "retrospective",
    ],
    &[
        "on-call",
        "on-call rotation",
        "pager duty",
        "pagerduty",
        "incident response",
        "respond to incidents",
        "incident management",
        "on call",
        "pager rotation",
    ],
    &[
        "anomaly",
        "unusual inputs",
        "unusual values",
        "strange inputs",
        "weird inputs",
        "abnormal",
        "out-of-distribution",
        "out of distribution",
        "anomalies",
        "outlier",
        "outliers",
        "anomalous",
        "anomaly detection",
    ],
    // Quality and experimentation.
    &[
        "hyperparameter tuning",
        "tune hyperparameters",
        "search for hyperparameters",
        "hyperparameter sweep",
        "hyperparameter sweeps",
        "grid search",
        "random search",
        "bayesian optimization",
        "learning rate and batch size",
        "hyperparameter optimization",
        "hpo",
        "hyperparameter search",
        "tune hyperparameters",
        "tuning hyperparameters",
        "optuna",
        "ray tune",
        "hyperopt",
    ],
    &[
        "automl",
        "automated model selection",
        "automatic model selection",
        "automate model selection",
        "automatically pick the model",
        "automated machine learning",
        "auto-sklearn",
        "autokeras",
        "h2o automl",
        "google automl",
        "neural architecture search",
    ],
    &["testing", "test", "tests"],
    &["validation", "validate"],
    &[
        "unit test",
        "test individual components",
        "small isolated tests",
        "pytest",
        "unit tests",
        "unit testing",
    ],
    &[
        "load test",
        "hold up under",
        "holds up under",
        "under heavy load",
        "under load",
        "under high load",
        "under heavy traffic",
        "under peak traffic",
        "peak load",
        "stress testing",
        "load tests",
        "simulate heavy traffic",
        "simulate load",
        "simulate high traffic",
        "benchmark under load",
        "load testing",
        "stress test",
        "performance test",
    ],
    &["evaluate", "evaluation", "assess", "assessment", "measure"],
    &[
        "performance",
        "accuracy",
        "model quality",
        "predictive quality",
    ],
    &["improve", "make better", "boost"],
    &[
        "training",
        "train",
        "model training",
        "training job",
        "training jobs",
    ],
    &["metric", "metrics", "kpi", "kpis"],
    &[
        "distributed training",
        "data parallelism",
        "model parallelism",
        "tensor parallelism",
        "pipeline parallelism",
        "data parallel",
        "model parallel",
        "multiple gpus or nodes",
        "gpus or nodes",
        "many gpus",
        "several gpus",
        "multiple gpus",
        "spread training across",
        "split training across",
        "training across",
        "parallelize training",
        "parallel training",
        "horovod",
        "deepspeed",
        "pytorch distributed",
        "data parallel",
        "model parallel",
        "across machines",
        "across nodes",
        "multiple nodes",
        "multiple machines",
        "several machines",
        "multi-gpu training",
        "multi-node training",
        "across multiple gpus",
        "across several machines",
        "data parallelism",
        "model parallelism",
    ],
    // Explainability and governance.
    &[
        "explainability",
        "why a model made a prediction",
        "why the model made a decision",
        "explain a prediction",
        "explain predictions",
        "shapley",
        "shapley values",
        "feature attributions",
        "feature attribution",
        "feature importance",
        "feature attributions",
        "attribution",
        "counterfactual explanations",
        "interpretability",
        "explainable",
        "interpretable",
        "explain",
        "explanation",
        "explanations",
        "xai",
        "shap",
        "lime",
        "interpret",
    ],
    &["transparency", "transparent"],
    &[
        "accountability",
        "accountable",
        "ownership",
        "who is responsible",
    ],
    &[
        "governance",
        "approval",
        "approvals",
        "approve",
        "sign-off",
        "sign off",
        "approval process",
        "model approval",
        "who approves",
        "policies",
        "policy",
        "model governance",
    ],
    &[
        "audit",
        "regulators",
        "regulator",
        "regulatory",
        "regulations",
        "audit log",
        "audit logs",
        "auditing",
        "audits",
        "compliance",
        "compliant",
        "aif360",
        "ai fairness 360",
        "what-if tool",
    ],
    &[
        "regulated industry",
        "regulated industries",
        "regulated environment",
        "regulated environments",
    ],
    &[
        "model card",
        "document a model",
        "documenting models",
        "model documentation",
        "datasheet",
        "datasheets for datasets",
        "model cards",
        "model documentation",
        "model fact sheet",
        "intended use",
    ],
    &[
        "secrets",
        "secret management",
        "secrets management",
        "vault",
        "credentials",
        "api keys",
        "passwords",
        "access tokens",
        "api tokens",
    ],
    &[
        "access control",
        "permissions",
        "rbac",
        "role-based access control",
    ],
    &["differential privacy"],
    &["federated learning"],
    &[
        "retrieval-augmented generation",
        "retrieval augmented generation",
        "rag",
        "rag pipeline",
        "rag system",
    ],
    &[
        "data poisoning",
        "poisoned data",
        "poisoning attack",
        "poisoning attacks",
        "training data poisoning",
    ],
    &[
        "adversarial examples",
        "adversarial example",
        "adversarial attacks",
        "adversarial attack",
        "adversarial inputs",
        "adversarial robustness",
        "adversarial",
    ],
    &[
        "model extraction",
        "model stealing",
        "model theft",
        "extraction attack",
        "extraction attacks",
    ],
    &[
        "prompt injection",
        "prompt injections",
        "prompt injection attacks",
        "jailbreak",
        "jailbreaks",
        "jailbreaking",
    ],
    &[
        "hallucination",
        "hallucinations",
        "hallucinate",
        "hallucinates",
        "hallucinating",
        "makes things up",
        "confabulation",
    ],
    &[
        "supply chain security",
        "supply chain",
        "supply-chain",
        "pickle files",
        "malicious pickle",
        "model signing",
        "signed artifacts",
        "artifact signing",
    ],
    &[
        "delayed labels",
        "delayed ground truth",
        "delayed feedback",
        "label delay",
        "label latency",
        "late labels",
        "labels arrive late",
    ],
    &[
        "anonymization",
        "anonymize",
        "pseudonymize",
        "de-identify",
        "de-identification",
    ],
    // Infrastructure.
    &[
        "kubernetes",
        "pods",
        "pod",
        "helm",
        "kubectl",
        "container cluster",
        "cluster of containers",
        "k8s",
        "container orchestration",
        "container orchestrator",
        "eks",
        "gke",
        "aks",
    ],
    &[
        "container",
        "containerize",
        "containerise",
        "package the model with its dependencies",
        "package a model and its dependencies",
        "dockerfile",
        "image registry",
        "containers",
        "docker",
        "docker container",
        "docker image",
        "containerization",
        "container image",
    ],
    &[
        "virtual machine",
        "virtual machines",
        "vm",
        "vms",
        "virtualization",
        "hypervisor",
    ],
    &[
        "serverless",
        "pay per request",
        "pay per invocation",
        "no servers to manage",
        "without managing servers",
        "function that scales to zero",
        "cold start",
        "cold starts",
        "serverless computing",
        "faas",
        "function as a service",
        "functions as a service",
        "serverless functions",
        "lambda",
        "aws lambda",
        "cloud functions",
        "scale to zero",
    ],
    &[
        "edge",
        "on the device",
        "on devices",
        "on phones",
        "on a phone",
        "on-device inference",
        "iot",
        "microcontroller",
        "microcontrollers",
        "raspberry pi",
        "offline on device",
        "edge devices",
        "edge device",
        "on-device",
        "on device",
        "embedded device",
        "iot device",
        "iot devices",
        "mobile device",
        "mobile devices",
        "phone",
        "phones",
    ],
    &["cloud", "cloud provider", "cloud providers", "public cloud"],
    &[
        "multi-cloud",
        "multi cloud",
        "multiple clouds",
        "across clouds",
    ],
    &[
        "hybrid cloud",
        "hybrid environment",
        "hybrid environments",
        "on-premises and cloud",
        "cloud and on-premises",
        "hybrid",
    ],
    &[
        "on-premises",
        "on-prem",
        "on premises",
        "own data center",
        "data center",
    ],
    &["sagemaker", "amazon sagemaker", "aws sagemaker"],
    &[
        "vertex ai",
        "google vertex ai",
        "gcp ml engine",
        "cloud ml engine",
        "ai platform",
    ],
    &["azure ml", "azure machine learning"],
    &["managed ml platform", "cloud ml platform"],
    &[
        "workflow orchestration",
        "schedule pipelines",
        "pipeline scheduler",
        "dag",
        "dags",
        "workflow engine",
        "workflow scheduler",
        "schedule jobs",
        "job scheduler",
        "orchestrator",
        "orchestration",
        "airflow",
        "apache airflow",
        "kubeflow pipelines",
        "kubeflow",
        "argo workflows",
        "prefect",
        "dagster",
    ],
    &[
        "infrastructure as code",
        "infrastructure defined in code",
        "define infrastructure in code",
        "provision resources with code",
        "provision infrastructure",
        "infrastructure provisioning",
        "declarative infrastructure",
        "declarative",
        "declaratively",
        "iac",
        "terraform",
        "pulumi",
        "cloudformation",
    ],
    &[
        "gpu",
        "graphics card",
        "graphics cards",
        "video card",
        "gpus",
        "accelerator",
        "accelerators",
        "tpu",
        "tpus",
        "cuda",
    ],
    &[
        "gpu utilization",
        "how busy the accelerators are",
        "gpu busy",
        "idle gpus",
        "gpus sit idle",
        "gpus idle",
        "underused gpus",
        "underutilized gpus",
        "gpu efficiency",
        "gpu occupancy",
        "keep gpus busy",
        "keep the gpus busy",
        "accelerator usage",
        "accelerator utilization",
        "how busy the accelerators are",
        "gpu usage",
    ],
    &[
        "out of memory",
        "out-of-memory",
        "oom",
        "runs out of memory",
        "run out of memory",
        "out of gpu memory",
    ],
    &[
        "autoscaling",
        "scale out automatically",
        "scale up automatically",
        "add replicas automatically",
        "scale with demand",
        "scale with traffic",
        "add more instances when traffic grows",
        "elastic scaling",
        "scale up and down",
        "scales up and down",
        "scale in and out",
        "autoscale",
        "auto-scaling",
        "automatic scaling",
        "horizontal pod autoscaler",
        "hpa",
    ],
    &[
        "scale",
        "request volume",
        "request volumes",
        "high traffic",
        "heavy traffic",
        "high load",
        "heavy load",
        "scalability",
        "at scale",
        "high traffic",
        "heavy traffic",
    ],
    &[
        "cost",
        "cheaper",
        "cheap",
        "expensive",
        "spending",
        "cloud bill",
        "budget",
        "save money",
        "reduce spend",
        "cost-effective",
        "cost efficiency",
        "finops",
        "costs",
        "bill",
        "spend",
        "compute costs",
    ],
    &[
        "resource usage",
        "memory and cpu",
        "cpu and memory",
        "cpu usage",
        "memory usage",
        "resource consumption",
        "resource use",
        "resource utilization",
        "compute resources",
        "resource consumption",
    ],
    &[
        "quantization",
        "lower precision",
        "reduced precision",
        "fp16",
        "8-bit",
        "int4",
        "half precision",
        "mixed precision inference",
        "quantize",
        "int8",
    ],
    &["pruning", "prune"],
    &[
        "distillation",
        "teacher model",
        "student model",
        "teacher and student",
        "train a smaller model to mimic",
        "knowledge distillation",
        "distill",
    ],
    &["model compression"],
    &["caching", "cache"],
    &[
        "batching",
        "batch requests",
        "group requests",
        "combine requests",
        "micro-batching",
        "batch size for inference",
        "request batching",
        "dynamic batching",
    ],
    &[
        "slo",
        "reliability target",
        "reliability targets",
        "error budget",
        "error budgets",
        "latency target",
        "latency targets",
        "availability target",
        "slos",
        "service level objective",
        "service level objectives",
    ],
    &[
        "sla",
        "service level agreements",
        "uptime guarantee",
        "contractual",
        "service level agreement",
    ],
    &["sli", "service level indicator"],
    &[
        "endpoint",
        "prediction api",
        "prediction service",
        "model endpoint",
        "serving endpoint",
        "model api",
        "inference endpoint",
    ],
    &["agile", "scrum", "agile methodology", "sprints"],
    &[
        "stay current",
        "keep up to date",
        "keep up with",
        "stay up to date",
        "latest developments",
        "trends",
    ],
];

/// Subjects that set the scene of nearly every question rather than say what it asks. Their
/// phrases give way to cues, so "versioning and rollback of data sets" can be *data
/// versioning* although "data sets" names the subject *data*.
pub const CONTEXT_SUBJECTS: &[&str] = &["model", "data"];

/// Subjects described rather than named. Each entry starts with a phrase of a synonym group
/// above (the entry joins that group) and goes on with cues: `~ a | b + c | d` matches when a
/// word of every slot (`+`) appears in one clause, in any order (`|` separates a slot's
/// words). A cue says what the subject *is* in the words people use to describe it, so it
/// reaches wordings no list of phrases holds: "features computed differently offline" and
/// "transformations that differ between the training job and the online service" both fill
/// the slots feature / differ / train / serve of training-serving skew.
///
/// A cue must name the subject's defining parts, not its neighbourhood: a canary needs a
/// *small share* of *traffic* and a *new version*, since "traffic" and "new version" alone
/// are also blue-green and A/B tests.
pub const CUES: &[&[&str]] = &[
    &[
        "training-serving skew",
        "~ feature | transform | transformation | preprocess | preprocessing | input | pipeline | code | logic
         + differ | different | differently | mismatch | inconsistent | inconsistency | discrepancy | diverge | divergence | same | consistent | identical | match
         + train | training | offline | historical
         + serve | serving | online | production | inference | live",
        "~ model | accuracy | performance | prediction
         + worse | drop | lower | degrade | degraded | poorly
         + offline | training | validation | notebook | test
         + online | production | live | serving | deployed",
    ],
    &[
        "canary deployment",
        "~ small | fraction | percentage | percent | portion | subset | slice | sliver | handful | few
         + traffic | users | requests | customers | servers | hosts | instances
         + new | latest | updated | candidate | version | release | model
         + gradual | gradually | increase | expand | widen | ramp | grow | step | stage | staged | incrementally | progressive | progressively | rest | everyone | everybody | all",
        "~ gradual | gradually | incremental | incrementally | progressive | progressively | staged | phased
         + rollout | release | shift | expose | exposure | expand | move | route | roll
         + traffic | users | requests | customers",
    ],
    &[
        "blue-green deployment",
        "~ two | second | duplicate | parallel | spare | standby | identical
         + environment | environments | stack | stacks | cluster | clusters | fleet
         + switch | flip | swap | cut | cutover | toggle | redirect | point | route
         + traffic | users | requests | router | load | balancer | dns",
        "~ old | previous | current | idle | standby
         + new | updated
         + environment | environments | stack | cluster | fleet
         + switch | flip | swap | cutover | instantly | instant | once | all",
    ],
    &[
        "shadow deployment",
        "~ copy | copies | mirror | mirrored | duplicate | replay | replayed | tee | fork | parallel | alongside | beside | silently | quietly | hidden | invisible | background
         + traffic | requests | inputs | calls | production | live
         + new | candidate | challenger | second | updated
         + without | never | not | discard | discarded | log | logged | record | compare | compared | affect | affecting | impact | see | shown | serve | returned | users",
        "~ prediction | predictions | output | outputs | response | responses
         + log | logged | record | recorded | store | stored | compare | compared
         + not | never | without | discard | discarded | hidden
         + users | customers | returned | shown | served | affect",
    ],
    &[
        "a/b testing",
        "~ split | divide | randomly | random | assign | assigned | bucket | buckets | half | halves | group | groups | cohort | cohorts | portion
         + traffic | users | customers | visitors | requests
         + two | both | variant | variants | version | versions | control | treatment | compare | comparing | comparison | against | competing | winner | better | outperform",
        "~ statistical | statistically | significance | significant | experiment | experiments | online
         + compare | comparing | comparison | winner | better | outperform | against | versus
         + model | models | version | versions | variant | variants | challenger | champion",
    ],
    &[
        "multi-armed bandit",
        "~ explore | exploration | explores
         + exploit | exploitation | exploits | best | winning",
        "~ shift | shifts | move | moves | adapt | adaptive | adaptively | automatically | dynamically
         + traffic | users | requests
         + toward | towards | better | best | winning | performing | winner
         + variant | variants | model | models | version | versions | arm | arms",
    ],
    &[
        "rollback",
        "~ revert | reverting | restore | restoring | return | returning | go | back | undo | previous | prior | earlier | older | last
         + previous | prior | earlier | older | last | known | stable | working | good | safe
         + version | model | release | deployment | state | build | artifact",
        "~ bad | broken | faulty | failing | failed | problematic | buggy | worse | regress | regression
         + release | deploy | deployment | update | version | model
         + undo | revert | back | quickly | fast | recover | recovery | restore | previous",
    ],
    &[
        "model registry",
        "~ central | centralized | single | shared | one | catalog | catalogue | inventory | repository | store | hub
         + versioned | version | versions | versioning
         + model | models | artifact | artifacts | weights",
        "~ stage | stages | staging | promote | promoted | promotion | approve | approved | approval
         + model | models | version | versions
         + production | prod | stage | staging | archived | candidate",
    ],
    &[
        "experiment tracking",
        "~ log | logs | logging | record | recording | track | tracking | keep | capture | compare | comparing
         + parameter | parameters | hyperparameter | hyperparameters | setting | settings | config | configuration | configurations
         + metric | metrics | result | results | score | scores | accuracy | run | runs | experiment | experiments | trial | trials",
        "~ which | remember | recall | record | track | keep
         + run | runs | experiment | experiments | trial | trials | attempt | attempts
         + produce | produced | gave | best | result | results | which | parameters | settings",
    ],
    &[
        "reproducibility",
        "~ same | identical | exact | exactly | again | rerun | recreate | rebuild | regenerate | reproduce
         + result | results | model | models | number | numbers | output | outputs | run | training | accuracy | metrics
         + later | months | year | again | anyone | colleague | someone | another | machine | twice | rerun | later",
        "~ pin | pinned | pinning | fix | fixed | freeze | frozen | lock | locked | seed | seeds
         + seed | seeds | version | versions | dependencies | dependency | library | libraries | package | packages | environment | random
         + same | identical | again | rerun | repeat | reproduce | deterministic",
    ],
    &[
        "lineage",
        "~ where | origin | origins | source | sources | provenance | trace | tracing | traced | back
         + data | dataset | datasets | feature | features | input | inputs | row | rows | record | records | value
         + come | came | comes | originate | originated | produced | derived | upstream",
        "~ which | trace | tracing | link | linking | map | mapping
         + data | dataset | datasets | version | code | commit
         + produce | produced | build | built | created | generated | behind
         + model | models | prediction | predictions | artifact",
    ],
    &[
        "feature store",
        "~ central | centralized | shared | single | common | one | reuse | reusable | catalog | repository | platform | store
         + feature | features
         + define | defined | compute | computed | register | registered | store | stored | reuse | share | shared | once | discover | serve | served
         + team | teams | model | models | training | serving | online | offline | consistent | consistently",
    ],
    &[
        "data labeling",
        "~ label | labels | labeled | annotate | annotated | annotation | annotations | annotator | annotators | tag | tagging | ground
         + human | humans | people | expert | experts | crowd | crowdsourced | workers | raters | rater | manual | manually | truth | quality | agreement | vendor | team | get | obtain | collect",
    ],
    &[
        "data validation",
        "~ check | checks | checking | validate | validating | verify | verifying | test | testing | assert | guard | catch | detect | reject | quarantine
         + data | input | inputs | batch | batches | record | records | row | rows | dataset | schema | column | columns | values | field | fields
         + bad | broken | corrupt | corrupted | invalid | malformed | wrong | unexpected | missing | null | nulls | range | ranges | type | types | schema | quality | garbage | before",
    ],
    &[
        "data privacy",
        "~ personal | sensitive | private | personally | confidential | customer | user | patient | identifiable | pii | medical | health
         + data | information | records | details | fields
         + protect | protecting | protection | safeguard | safe | secure | leak | leaking | exposure | expose | mask | masking | comply | compliance | regulation | regulations | consent | gdpr | hipaa",
    ],
    &[
        "fairness",
        "~ group | groups | demographic | demographics | subgroup | subgroups | population | populations | gender | race | age | minority | minorities | people | users | customers | applicants
         + unfair | unfairly | unequal | unequally | discriminate | discriminates | discrimination | disadvantage | disadvantaged | equal | equally | equitable | worse | differently | harm | penalize | biased | bias | favor | favors",
    ],
    &[
        "imbalanced data",
        "~ rare | rarely | few | minority | small | tiny | underrepresented | skewed | uneven
         + class | classes | label | labels | positive | positives | examples | cases | category | categories | outcome | event | events
         + much | far | most | majority | outnumber | common | dominate | compared | imbalance | imbalanced | fraction | percent",
    ],
    &[
        "data drift",
        "~ input | inputs | data | feature | features | distribution | distributions | population | incoming | traffic | users | customers
         + change | changes | changed | changing | shift | shifts | shifted | shifting | drift | drifts | differ | different | differs | evolve | evolves | move | moves | moved | diverge | diverges | stale
         + time | over | since | training | trained | anymore | longer | gradually | slowly | seasonal | season | new | recent | compared | production | live",
    ],
    &[
        "concept drift",
        "~ relationship | relation | link | mapping | meaning | definition | pattern | patterns
         + input | inputs | feature | features | data | target | label | labels | outcome | outcomes
         + change | changes | changed | changing | shift | shifts | shifted | evolve | evolves | differ | different | anymore | longer | no",
    ],
    &[
        "model drift",
        "~ model | models | prediction | predictions | accuracy | performance | quality
         + degrade | degrades | degraded | degrading | degradation | decay | decays | decaying | worse | worsen | worsening | decline | declines | declining | drop | drops | dropping | deteriorate | deteriorates | erode | erodes | stale
         + time | over | months | weeks | gradually | slowly | silently | quietly | after | since | deployment | deployed | production | live",
    ],
    &[
        "retrain",
        "~ train | training | update | updating | refresh | refreshing | rebuild | refit | refitting
         + again | periodically | regularly | schedule | scheduled | automatically | automatic | trigger | triggered | frequently | frequency | cadence
         + data | model | models | weights",
    ],
    &[
        "feedback loop",
        "~ prediction | predictions | decisions | recommendations | recommender | outputs | choices | shown | ranking
         + influence | influences | affect | affects | shape | shapes | change | changes | feed | feeds | become | becomes | reinforce | reinforces | reinforcing | amplify | amplifies | amplifying
         + future | later | next | own | subsequent",
        "~ outcome | outcomes | actual | actuals | result | results | ground | truth | label | labels | user | users | clicks | corrections
         + collect | collected | capture | captured | back | flow | fed | feed | return | returned | joined | loop
         + training | retraining | retrain | model",
    ],
    &[
        "monitoring",
        "~ watch | watching | observe | observing | keep | track | tracking | eye | visibility | dashboard | dashboards | health
         + model | models | prediction | predictions | deployed | production | live | running | service | endpoint
         + behave | behaves | behaving | behavior | performance | working | healthy | health | doing | quality | accuracy | errors | latency",
    ],
    &[
        "alerting",
        "~ alert | alerts | page | paged | paging | notify | notified | notification | notifications | told | wake | woken | warn | warned | warning | pager | call
         + threshold | thresholds | someone | engineer | engineers | people | team | human | humans | rule | rules | noise | noisy | fatigue | wrong | fire | fires | breach",
    ],
    &[
        "troubleshoot",
        "~ find | finding | figure | figuring | investigate | investigating | diagnose | diagnosing | debug | debugging | track | trace | pinpoint | narrow
         + cause | causes | why | wrong | problem | problems | issue | issues | bug | bugs | failure | failures | went | broke | broken | fault | culprit",
    ],
    &[
        "incident",
        "~ outage | outages | emergency | firefight | firefighting | crash | crashed | crashes | meltdown
         + production | prod | live | night | weekend | customers | users | service | respond | response | during",
    ],
    &[
        "post-mortem",
        "~ after | afterwards | once | following | review | reviewed | reflect | retrospective | learn | learned | lessons | blameless
         + incident | incidents | outage | outages | failure | failures | went | wrong | fixed | resolved | over
         + write | document | documented | learn | learned | lessons | prevent | never | again | recurrence | repeat | cause | causes | review",
    ],
    &[
        "anomaly",
        "~ unusual | strange | weird | odd | abnormal | unexpected | extreme | suspicious | unlike | surprising | garbage | nonsense | never | rare
         + input | inputs | value | values | request | requests | data | record | records | point | points | example | examples | sample | samples | reading | readings | event | events | behavior | pattern | patterns",
    ],
    &[
        "hyperparameter tuning",
        "~ search | searching | find | finding | choose | choosing | select | selecting | pick | picking | tune | tuning | optimize | optimizing | sweep | sweeps | best | explore
         + hyperparameter | hyperparameters | settings | knobs | configuration | configurations | learning | rate | depth | layers | regularization | batch
         + best | good | optimal | right | values | combination | combinations | space | grid | random | bayesian | automatically | systematically",
    ],
    &[
        "automl",
        "~ automatically | automatic | automate | automated | automating | automation
         + choose | choosing | select | selecting | pick | picking | search | searching | find | finding | build | building | design | designing
         + model | models | architecture | architectures | algorithm | algorithms | pipeline | pipelines | features",
    ],
    &[
        "unit test",
        "~ test | tests | testing | check | checks | verify | verifying
         + function | functions | code | transform | transformation | transformations | preprocessing | step | steps | component | components | piece | pieces | individual | small | logic | module | modules
         + isolation | isolated | individually | individual | separately | alone | small | each | every | single | correct | correctly | expected",
    ],
    &[
        "load test",
        "~ simulate | simulated | simulating | generate | generating | synthetic | fake | replay | replaying | flood | hammer | blast | stress | push | pushing | ramp
         + traffic | requests | load | users | queries | calls | concurrency | concurrent | volume | peak
         + before | many | much | handle | handles | break | breaks | capacity | limit | limits | point | holds | hold | cope | survive | expected",
    ],
    &[
        "load test",
        "~ many | much | maximum | max | peak | capacity | limit | limits
         + requests | queries | calls | traffic | users | load
         + second | concurrent | concurrently | simultaneous | simultaneously | latency | expected
         + before | launch | live | break | breaks | breaking | degrade | degrades | falls | collapse | collapses | cope | survive",
    ],
    &[
        "distributed training",
        "~ train | training | trains | fit | fitting | learn
         + many | multiple | several | across | spread | split | shard | sharded | parallel | parallelize | cluster | nodes | machines | workers | hosts | devices | gpus
         + gpu | gpus | machines | nodes | workers | devices | servers | accelerators | hosts | cluster",
        "~ model | models | dataset | data
         + too | large | big | huge | bigger | exceed | exceeds
         + fit | one | single | memory | machine | gpu | device",
    ],
    &[
        "explainability",
        "~ why | reason | reasons
         + model | prediction | predictions | decision | decisions | output | outputs | score | scores | recommendation | recommendations
         + made | make | makes | reach | reached | arrive | arrived | decided | decide | feature | features | drove | drive | drives | driving | contributed | contribute | influence | influenced | explain | explained | behind | came",
    ],
    &[
        "governance",
        "~ approve | approved | approval | approvals | signoff | sign | policy | policies | control | controls | oversight | rules | standards | review | reviews | accountable | owner | owners | ownership | responsibility
         + model | models | deploy | deployment | deployments | release | releases | production | lifecycle | ai
         + before | process | organization | company | compliance | regulation | regulations | risk | audit | documented | allowed",
    ],
    &[
        "audit",
        "~ record | records | trail | log | logs | history | evidence | prove | proof | show | reconstruct | demonstrate
         + decision | decisions | change | changes | changed | approved | deployed | regulator | regulators | auditor | auditors | afterwards",
    ],
    &[
        "model card",
        "~ document | documents | documentation | documenting | sheet | card | writeup | datasheet
         + model | models
         + intended | limitations | limitation | purpose | caveats | risks | ethical | audience | evaluation",
    ],
    &[
        "secrets",
        "~ password | passwords | credential | credentials | key | keys | token | tokens | secret | secrets | certificate | certificates
         + store | stored | storing | keep | kept | manage | rotate | rotation | protect | leak | leaked | leaking | hardcode | hardcoded | commit | committed | code | repository | pipeline | pipelines | vault | safely | safe",
    ],
    &[
        "anonymization",
        "~ remove | removing | strip | stripping | hide | hiding | mask | masking | scrub | scrubbing | hash | hashing | obscure | drop | dropping | redact | redacting
         + name | names | identity | identities | identifying | identifiable | personal | pii | email | emails | address | addresses | identifier | identifiers",
    ],
    &[
        "kubernetes",
        "~ orchestrate | orchestrating | orchestration | orchestrator | schedule | scheduling | manage | managing | run | running
         + container | containers | pod | pods
         + cluster | clusters | nodes | many | fleet | machines | scale | scaling",
    ],
    &[
        "container",
        "~ package | packaging | packaged | bundle | bundling | bundled | wrap | wrapping | ship | shipping | image | images
         + model | models | code | application | app | service | dependencies | dependency | libraries | runtime | environment
         + everything | together | portable | anywhere | same | identical | consistent | dependencies | image | isolated ",
    ],
    &[
        "serverless",
        "~ no | without | never | zero | nobody | not
         + server | servers | machine | machines | infrastructure | instances | vm | vms | cluster | clusters
         + manage | managing | provision | provisioning | maintain | maintaining | run | running | pay | paying | idle | own | think",
        "~ pay | paying | charged | billed | cost
         + per | only | each
         + request | requests | call | calls | invocation | invocations | use | usage | execution",
    ],
    &[
        "edge",
        "~ phone | phones | mobile | smartphone | device | devices | camera | cameras | sensor | sensors | car | cars | vehicle | vehicles | embedded | microcontroller | iot | browser | watch | drone | drones | factory | robot | robots | hardware
         + run | running | runs | locally | local | offline | inside | onboard | deploy | deploying | ship | fit | fits",
    ],
    &[
        "hybrid cloud",
        "~ cloud | aws | azure | gcp | public
         + own | premises | datacenter | datacenters | data | center | centers | local | private
         + both | mix | mixed | together | across | combination | span | spanning | alongside | part | partly",
    ],
    &[
        "multi-cloud",
        "~ several | multiple | many | more | two | different | across | both | any
         + cloud | clouds | provider | providers | vendor | vendors | aws | azure | gcp
         + locked | portable | portability | move | switch | avoid | same | single | one | run | deploy",
    ],
    &[
        "workflow orchestration",
        "~ step | steps | task | tasks | job | jobs | stage | stages | pipeline | pipelines | workflow | workflows | dag | dags
         + order | ordered | sequence | schedule | scheduled | scheduling | depend | depends | dependency | dependencies | retry | retries | trigger | triggers | chain | chained | coordinate | coordinating | run | runs
         + nightly | daily | hourly | automatically | fail | fails | failed | upstream | downstream | after | before | each | other",
    ],
    &[
        "infrastructure as code",
        "~ define | defined | defining | describe | described | declare | declared | declarative | write | written | templates | template | version | versioned | script | scripted | recreate | reproduce | provision | provisioning | provisioned | terraform
         + infrastructure | servers | cluster | clusters | resources | environment | environments | network | networks | cloud | machines
         + code | files | file | config | configuration | git | repository | templates | template | declarative | automatically | scripts",
    ],
    &[
        "gpu utilization",
        "~ gpu | gpus | accelerator | accelerators | tpu | tpus | card | cards | device | devices | hardware | compute
         + busy | idle | idling | utilization | utilize | utilized | use | used | usage | underused | underutilized | wasted | waste | waiting | starve | starved | starving | saturate | saturated | sit | sitting | full | fully | occupancy",
        "~ gpu | gpus | accelerator | accelerators | tpu | tpus | card | cards
         + share | shared | sharing | pool | pooled | allocate | allocating | allocation | assign | assigning | schedule | scheduling | split | splitting | partition | partitioning | quota | quotas
         + team | teams | users | jobs | workloads | researchers | people | fairly | between | among | many | several",
    ],
    &[
        "out of memory",
        "~ run | runs | running | ran | exceed | exceeds | exceeded | exhaust | exhausted | blow | blows | fill | fills
         + out | beyond | up | limit | limits | capacity
         + memory | ram | vram | oom | room",
    ],
    &[
        "autoscaling",
        "~ add | adding | remove | removing | spin | spinning | start | starting | stop | grow | grows | shrink | shrinks | increase | increases | decrease | decreases | adjust | adjusts | adjusting | scale | scales | scaling
         + instance | instances | replica | replicas | server | servers | machine | machines | node | nodes | pod | pods | capacity | containers | workers
         + automatically | automatic | demand | load | traffic | peak | peaks | spike | spikes | busy | quiet | night | rises | falls | follow | follows",
    ],
    &[
        "cost",
        "~ money | cost | costs | costly | expensive | cheap | cheaper | cheaply | bill | bills | billing | spend | spending | spent | price | prices | pricing | dollars | savings | save | saving
         + cloud | compute | gpu | gpus | training | serving | inference | infrastructure | instances | resources | model | models | run | running",
    ],
    &[
        "quantization",
        "~ fewer | lower | less | reduce | reduced | reducing | smaller | low | eight | 8 | int8 | 16 | half | float16 | fp16
         + bit | bits | precision | numeric | numerical | integer | integers | float | floats | floating
         + weight | weights | model | models | number | numbers | representation | activations",
    ],
    &[
        "pruning",
        "~ remove | removing | drop | dropping | cut | cutting | zero | zeroing | trim | trimming
         + weight | weights | connection | connections | neuron | neurons | parameter | parameters | channel | channels | layer | layers | head | heads
         + unimportant | small | smallest | unnecessary | redundant | useless | least | little | contribute | matter | sparse | sparsity",
    ],
    &[
        "distillation",
        "~ small | smaller | tiny | compact | lightweight | student
         + model | models | network | networks | student
         + learn | learns | learning | mimic | mimics | imitate | imitates | copy | copies | train | trained | trains | teach | taught
         + large | larger | big | bigger | teacher | original | heavy | outputs | predictions",
    ],
    &[
        "model compression",
        "~ shrink | shrinking | smaller | compress | compressing | reduce | reducing | cut | cutting | slim
         + model | models | network | weights | size | footprint | memory | megabytes | gigabytes
         + fit | fits | phone | mobile | device | devices | edge | deploy | memory | size | small | smaller | without | losing | accuracy",
    ],
    &[
        "caching",
        "~ store | storing | stored | keep | keeping | kept | remember | remembering | save | saving | reuse | reusing | memoize | precompute | precomputed | lookup
         + previous | earlier | repeated | repeat | same | identical | frequent | common | popular | already | computed | past
         + prediction | predictions | result | results | answer | answers | response | responses | output | outputs | request | requests | query | queries",
    ],
    &[
        "batching",
        "~ group | grouping | grouped | combine | combining | combined | bundle | bundling | collect | collecting | accumulate | accumulating | pack | packing | together
         + request | requests | input | inputs | call | calls | queries | examples | samples
         + together | one | single | batch | batches | forward | pass | call | gpu | throughput | wait | waiting | before",
    ],
    &[
        "latency",
        "~ fast | faster | quick | quickly | slow | slower | speed | speedy | milliseconds | ms | wait | waiting | delay | delays | lag | responsive | responsiveness
         + response | respond | responds | responses | answer | answers | prediction | predictions | request | requests | reply | return | returns | inference",
    ],
    &[
        "throughput",
        "~ many | number | volume | thousands | millions | rate | lots
         + request | requests | prediction | predictions | queries | query | inference | inferences | examples | records | events | transactions | calls
         + second | minute | hour | sustain | concurrently | concurrent | simultaneously | peak",
    ],
    &[
        "batch inference",
        "~ nightly | night | daily | hourly | weekly | schedule | scheduled | periodic | periodically | offline | once | bulk | overnight | large | whole | precompute | precomputed | precomputing
         + score | scoring | predict | predicting | prediction | predictions | inference | run | runs | process | processing
         + all | every | whole | entire | large | bulk | batch | table | dataset | records | customers | users | file | files | rows | millions",
    ],
    &[
        "real-time inference",
        "~ instant | instantly | immediately | immediate | live | real | online | synchronous | synchronously | fly | moment | milliseconds | request | interactive | demand
         + time | response | respond | request | requests | prediction | predictions | answer | score | scoring | inference | arrive | arrives | come | comes | user | users | click
         + each | every | single | one | user | users | request | soon | arrives | wait | waiting | while | during",
    ],
    &[
        "ci/cd",
        "~ automatic | automatically | automate | automated | automating | every | each | pipeline | pipelines
         + build | builds | building | test | tests | testing | check | checks | validate | validation | package | deploy | deploys | deployment | release | releases | ship | shipping
         + commit | commits | push | pushes | merge | merges | merged | change | changes | code | pull | request | requests | git | repository | production",
    ],
    &[
        "version control",
        "~ version | versions | versioned | versioning | snapshot | snapshots | history | track | tracking | git | tag | tagged | commit | commits
         + code | model | models | data | dataset | datasets | artifact | artifacts | notebooks | config | configs | configuration | weights | pipeline | features
         + change | changes | changed | over | time | history | previous | earlier | older | back | which | each | every | roll | diff | compare",
    ],
    &[
        "data pipeline",
        "~ ingest | ingesting | ingestion | extract | extracting | load | loading | move | moving | clean | cleaning | transform | transforming | join | joining | aggregate | etl | elt | flow | flows
         + data | raw | records | events | logs | tables | sources | warehouse | lake
         + pipeline | pipelines | job | jobs | step | steps | stage | stages | flow | into | from | downstream | upstream | ready | training | features",
    ],
    &[
        "feature engineering",
        "~ create | creating | build | building | derive | deriving | craft | crafting | design | designing | construct | constructing | transform | transforming | extract | extracting | encode | encoding | combine | combining | select | selecting | choose | choosing
         + feature | features | input | inputs | variable | variables | signal | signals | column | columns
         + raw | new | useful | predictive | better | informative | meaningful | data | from | which",
    ],
    &[
        "slo",
        "~ target | targets | objective | objectives | promise | promises | commitment | commitments | goal | goals | budget | budgets | agreed | agreement
         + availability | uptime | latency | reliability | reliable | error | errors | response | percentile | p99 | p95 | 99 | nines | downtime | service | level",
    ],
    &[
        "on-call",
        "~ rotation | rota | roster | schedule | carry | carrying | duty | shift | shifts | respond | responding | pager | pagers | wake | woken | night | weekend | weekends
         + call | pager | paged | pages | page | alert | alerts | incident | incidents | engineer | engineers | team | duty | hours | night",
    ],
    &[
        "regulated industry",
        "~ regulated | regulation | regulations | regulatory | regulator | regulators | compliance | compliant | law | laws | legal | legally
         + industry | industries | sector | sectors | bank | banks | banking | finance | financial | healthcare | health | hospital | hospitals | insurance | insurer | insurers | medical | pharma | government | credit | loans | lending",
    ],
    &[
        "accountability",
        "~ answerable | accountable | responsible | responsibility | owner | owners | ownership | blame | blamed
         + wrong | fails | failure | failures | mistake | mistakes | harm | harms | decision | decisions | outcome | outcomes | error | errors",
    ],
    &[
        "explainability",
        "~ clear | understand | understandable | interpret | interpretable | transparent | visible | see
         + model | models | prediction | predictions | decision | decisions | output | outputs | score | scores
         + reach | reaches | reached | arrive | arrives | arrived | decide | decides | decided | made | make | makes | came | come | comes | behind",
    ],
    &[
        "data leakage",
        "~ information | data | feature | features | label | labels | target | value | values | column | columns
         + available | unavailable | known | unknown | future | later | after | ahead
         + prediction | predictions | predict | predicting | inference | serving | decision | time | moment",
    ],
    &[
        "point-in-time correctness",
        "~ join | joining | joined | joins | lookup | lookups | attach | attaching
         + feature | features | value | values
         + historical | timestamp | timestamps | event | events | label | labels | time | past",
    ],
    &[
        "champion-challenger",
        "~ current | best | incumbent | existing | reigning | production
         + new | newly | challenger | challengers | contender | contenders | candidate | candidates | retrained | fresh
         + against | compare | compared | comparing | beat | beats | outperform | outperforms | wins | win | winning | promote | promoting | promoted | replace | replaces | dethrone",
    ],
    &[
        "dependency management",
        "~ library | libraries | package | packages | dependency | dependencies | python | pip | conda | requirements | runtime
         + version | versions | pin | pinned | pinning | lock | locked | lockfile | consistent | same | conflict | conflicts | differ | different | mismatch | upgrade | upgrades | upgraded | drift",
    ],
    &[
        "data versioning",
        "~ version | versions | versioning | versioned | snapshot | snapshots | history | commit | commits
         + data | dataset | datasets | table | tables | training | corpus",
    ],
    &[
        "managed ml platform",
        "~ managed | hosted | fully | cloud
         + ml | machine | learning | service | services | platform | platforms | offering | offerings
         + cloud | provider | providers | aws | azure | gcp | google | amazon | microsoft | vendor | vendors",
    ],
    &[
        "model registry",
        "~ every | each | all | which
         + model | models | artifact | artifacts | weights
         + track | tracking | record | catalog | store | stored | keep | registered | register
         + live | production | deployed | earlier | previous | back | serving",
    ],
    &[
        "data poisoning",
        "~ attacker | attackers | adversary | malicious | manipulated | tampered | poisoned | inject | injected | slip | slipping
         + record | records | data | examples | samples | labels | rows
         + training | train | trained | retraining",
    ],
    &[
        "adversarial examples",
        "~ perturbation | perturbations | crafted | manipulated | tweaked | imperceptible | noise
         + input | inputs | image | images | examples | samples | pixels
         + fool | fools | trick | tricks | fooled | tricked | misclassify | misclassified | attack | attacker | wrong",
    ],
    &[
        "model extraction",
        "~ clone | cloning | copy | copies | steal | stealing | replicate | replicating | reconstruct
         + model | models | weights
         + query | querying | queries | api | endpoint | responses | outputs | predictions",
    ],
    &[
        "prompt injection",
        "~ ignore | ignores | override | overrides | bypass | bypasses | reveal | reveals | leak | leaks
         + instructions | instruction | prompt | prompts | rules | guardrails | system",
    ],
    &[
        "hallucination",
        "~ state | states | say | says | claim | claims | answer | answers | output | outputs | generate | generates | invent | invents
         + untrue | false | wrong | incorrect | fabricated | invented | true | facts | fact | nonexistent
         + confidently | confident | plausible | plausibly | convincingly | sounding",
    ],
    &[
        "supply chain security",
        "~ tamper | tampering | tampered | injected | malicious | unsigned | signed | signature | signatures | checksum | checksums | hash | verify | authentic
         + model | artifact | artifacts | file | files | weights | serialized | pickle
         + load | loaded | loading | produce | produced | pipeline | registry | download | downloaded | deploy",
    ],
    &[
        "delayed labels",
        "~ label | labels | outcome | outcomes | truth | actuals | confirmed | feedback
         + weeks | days | months | later | late | delayed | delay | window
         + monitor | monitoring | know | tell | working | performance | meantime | estimate | still",
    ],
    &[
        "schema evolution",
        "~ rename | renames | renamed | drop | drops | dropped | remove | removes | removed | add | adds | added | change | changes | changed | retype
         + column | columns | field | fields | schema
         + upstream | source | table | tables | warning | break | breaks | broken | null | nulls | silently",
    ],
    &[
        "federated learning",
        "~ data
         + never | stay | stays | leave | leaves | local | locally | device | devices | phones
         + update | updates | gradients | weights
         + send | sent | server | servers | aggregate | aggregated | central | back",
    ],
    &[
        "stay current",
        "~ keep | keeping | stay | staying | follow | following | track | tracking | learn | learning | read | reading
         + up | date | current | latest | newest | developments | advances | trends
         + field | industry | research | papers | community | ecosystem | technologies | tools | developments | advances | trends | conferences",
    ],
];
