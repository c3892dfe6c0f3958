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
    e g eg ie i.e e.g vs versus
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
    &["data", "dataset", "data set", "datasets"],
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
    ],
    &[
        "model serving",
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
    &["throughput", "requests per second", "queries per second"],
    // Delivery.
    &[
        "ci/cd",
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
        "roll back",
        "revert",
        "roll-back",
        "go back to",
        "restore",
        "previous version",
        "earlier version",
    ],
    &["roll forward", "fix forward", "roll-forward"],
    &[
        "canary deployment",
        "canary release",
        "canary rollout",
        "canary",
        "canarying",
    ],
    &[
        "blue-green deployment",
        "blue/green deployment",
        "blue green deployment",
        "blue-green",
        "red-black deployment",
    ],
    &[
        "shadow deployment",
        "shadow mode",
        "shadow testing",
        "shadow traffic",
        "shadowing",
    ],
    &[
        "dark launching",
        "dark launch",
        "dark-launch",
        "dark launches",
    ],
    &[
        "a/b testing",
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
        "model store",
        "model repository",
        "model catalog",
        "registry of models",
    ],
    &[
        "experiment tracking",
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
        "training run",
        "training runs",
        "experiment run",
    ],
    &[
        "reproducibility",
        "reproducible",
        "reproduce",
        "rerun",
        "re-run",
        "recreate",
        "same results",
    ],
    &["dvc", "data version control"],
    &["lineage", "provenance", "traceability", "trace"],
    // Data.
    &[
        "data pipeline",
        "data pipelines",
        "etl",
        "etl pipeline",
        "ingestion pipeline",
    ],
    &[
        "feature engineering",
        "feature pipeline",
        "feature pipelines",
        "feature computation",
        "compute features",
        "feature transformations",
    ],
    &["feature store", "feature platform", "feast", "tecton"],
    &[
        "data labeling",
        "data annotation",
        "labeling",
        "annotation",
        "annotate",
        "label data",
        "labeled data",
    ],
    &[
        "data validation",
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
        "privacy",
        "personal data",
        "sensitive data",
        "pii",
        "personally identifiable information",
        "personal information",
        "confidential data",
    ],
    &["security", "secure", "safe"],
    &["bias", "biased", "unfair"],
    &["fairness", "fair", "equitable", "treat groups fairly"],
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
        "debug",
        "diagnose",
        "root cause",
        "investigate",
        "debugging",
    ],
    &[
        "data drift",
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
        "concept shift",
        "relationship between inputs and target",
    ],
    &[
        "model drift",
        "model decay",
        "model degradation",
        "model staleness",
        "performance decay",
    ],
    &["drift", "shift"],
    &["retrain", "retraining", "re-train", "refresh the model"],
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
        "postmortem",
        "incident review",
        "retrospective",
    ],
    &["on-call", "on call", "pager rotation"],
    &[
        "anomaly",
        "anomalies",
        "outlier",
        "outliers",
        "anomalous",
        "anomaly detection",
    ],
    // Quality and experimentation.
    &[
        "hyperparameter tuning",
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
        "automated machine learning",
        "auto-sklearn",
        "autokeras",
        "h2o automl",
        "google automl",
        "neural architecture search",
    ],
    &["testing", "test", "tests"],
    &["validation", "validate"],
    &["unit test", "unit tests", "unit testing"],
    &[
        "load test",
        "load testing",
        "stress test",
        "performance test",
        "high load",
    ],
    &["evaluate", "evaluation", "assess", "assessment", "measure"],
    &[
        "performance",
        "accuracy",
        "model quality",
        "predictive quality",
    ],
    &["improve", "make better", "boost"],
    &["metric", "metrics", "kpi", "kpis"],
    &[
        "distributed training",
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
    &["governance", "model governance"],
    &[
        "audit",
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
        "model cards",
        "model documentation",
        "model fact sheet",
        "intended use",
    ],
    &["secrets", "credentials", "api keys", "passwords", "tokens"],
    &[
        "access control",
        "permissions",
        "rbac",
        "role-based access control",
    ],
    &["differential privacy"],
    &["federated learning"],
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
        "k8s",
        "container orchestration",
        "container orchestrator",
        "eks",
        "gke",
        "aks",
    ],
    &[
        "container",
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
    &["tensorflow serving", "tf serving"],
    &[
        "workflow orchestration",
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
        "gpus",
        "accelerator",
        "accelerators",
        "tpu",
        "tpus",
        "cuda",
    ],
    &[
        "gpu utilization",
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
    &["cost", "costs", "bill", "spend", "compute costs"],
    &[
        "resource usage",
        "resource utilization",
        "compute resources",
        "resource consumption",
    ],
    &["quantization", "quantize", "int8"],
    &["pruning", "prune"],
    &["distillation", "knowledge distillation", "distill"],
    &["caching", "cache"],
    &["batching", "request batching", "dynamic batching"],
    &[
        "slo",
        "slos",
        "service level objective",
        "service level objectives",
    ],
    &["sla", "service level agreement"],
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
