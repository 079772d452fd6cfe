"""The words a reviewer looks for: what marks a paragraph as being about data, method, results…

Two uses. *Cues* tell which section a block of text is about when its heading does not say
(weaker evidence than a heading, so it only decides where headings are missing or ambiguous).
*Signals* tell whether a section says the specific things a reviewer wants from it (a model's
name, a validation scheme, a dataset's size). Everything is a compiled pattern run once per text;
all are English: other languages are read by their headings and numbers only.
"""

from __future__ import annotations

import re

from generator.check.terms import Terms


def _words(*alternatives: str) -> Terms:
    return Terms(*alternatives)


# The cue lists below are data: kept one theme per line, not one word per line.
# fmt: off
MODELS = (
    r"logistic regression", r"linear regression", r"ridge", r"lasso", r"elastic ?net", r"random forests?",
    r"decision trees?", r"gradient[- ]boost(?:ing|ed)?(?: trees?| machines?)?", r"xgboost", r"lightgbm", r"lgbm",
    r"catboost", r"adaboost", r"svm", r"svc", r"support vector (?:machine|classifier|regression)s?",
    r"k-?nn", r"(?:k-)?nearest neighbou?rs?", r"naive bayes", r"neural networks?", r"mlp", r"cnns?", r"rnns?",
    r"lstms?", r"gru", r"transformers?", r"bert", r"distilbert", r"roberta", r"gpt-?\d?", r"resnet-?\d*",
    r"efficientnet\w*", r"vgg-?\d*", r"u-?net", r"yolo\w*", r"k-?means", r"dbscan", r"hdbscan",
    r"hierarchical clustering", r"gaussian mixture", r"pca", r"t-sne", r"umap", r"s?arima\w*", r"prophet",
    r"exponential smoothing", r"holt-winters", r"ensembles?", r"stacking", r"bagging", r"tf-?idf",
    r"word2vec", r"embeddings?", r"autoencoders?", r"isolation forest", r"extra trees", r"knn",
    r"fine-tuned", r"llm", r"convolutional", r"neural net\w*", r"deep learning",
)
# Not keras, pytorch, tensorflow, scikit-learn: a library names what the model was built with, not the model
# ("built with TensorFlow" leaves a reader asking which model).
MODEL = _words(*MODELS)
VALIDATION = _words(
    r"cross[- ]?validat\w*", r"\w*k-?fold\w*", r"\d+[- ]?folds?", r"train(?:ing)?[/ -](?:and )?test split",
    r"train[/ -]validation", r"hold[- ]?out", r"held[- ]out", r"validation set", r"test set", r"test split",
    r"time[- ]based split", r"walk[- ]forward", r"stratified", r"leave[- ]one[- ]out", r"backtest\w*",
    r"out[- ]of[- ]sample", r"temporal split", r"split (?:the data|into)", r"\d+ ?% (?:test|hold)",
    r"\d+/\d+ split", r"grid ?search(?:cv)?", r"early stopping", r"out of fold", r"oof",
)
BASELINE = _words(
    r"baselines?", r"dummy (?:classifier|regressor|model)", r"majority[- ]class", r"most[- ]frequent",
    r"naive (?:forecast|baseline|model)", r"random guess\w*", r"seasonal naive", r"predict(?:s|ing)? the mean",
    r"zero[- ]rule", r"simple benchmark",
    # the first model a student fits to beat later: "our initial model", "first simple model (FSM)"
    r"initial models?", r"first (?:simple )?models?", r"base models?", r"vanilla models?", r"simplest models?",
)
COMPARISON = _words(
    r"baselines?", r"compared (?:with|to|against)", r"vs\.?", r"versus", r"improv\w+ (?:over|on|from)",
    r"better than", r"outperform\w*", r"up from", r"down from", r"beats?", r"relative to",
    r"ablations?", r"single model",
)
TARGET = _words(
    r"predict\w*", r"classif\w*", r"forecast\w*", r"estimat\w*", r"detect\w*", r"identif\w*",
    r"recogni[sz]\w*", r"recommend\w*", r"segment\w*", r"cluster\w*", r"rank\w*", r"regression",
    r"whether", r"target (?:variable|column)", r"label\w*", r"score \w+", r"group\w* (?:customers|users)",
    r"anomal\w+", r"fraud\w*", r"churn\w*", r"translat\w+", r"generat\w+", r"summari[sz]\w+",
    r"likely to", r"which \w+ (?:will|are|is|would)", r"how (?:many|much|likely)", r"will \w+",
)
WHY = _words(
    r"so that", r"in order to", r"help\w*", r"for (?:the )?(?:business|clinic\w*|bank\w*|compan\w+|team\w*|"
    r"users?|customers?|doctors?|hospitals?|retailers?|marketing|analysts?|operators?|farmers?|"
    r"stakeholders?|managers?|insurers?|lenders?)",
    r"stakeholders?", r"decisions?", r"costs?", r"sav(?:e|es|ing)", r"reduc\w+", r"prevent\w*", r"revenue",
    r"profit\w*", r"because", r"matters?", r"enabl\w+", r"allow\w*", r"benefit\w*", r"impact\w*", r"losses?",
    r"risks?", r"prioriti[sz]\w+", r"plan(?:s|ned|ning)?", r"budget\w*", r"early", r"faster", r"manual\w*",
    r"needs? (?:a|an|to)", r"must", r"\w+ teams?", r"los(?:e|es|ing|s)", r"wants? to", r"safety",
    r"real[- ]time", r"hard to", r"expensive", r"time[- ]consuming",
)
SIZE = re.compile(
    r"\d[\d,. ]*\s*(?:k\b|thousand|million|m\b)?\s*(?:[a-z-]+\s+){0,2}"
    r"(?:rows?|records?|samples?|observations?|instances?|images?|patients?|customers?|transactions?|"
    r"examples?|entries|documents?|reviews?|texts?|columns?|features?|variables?|attributes?|tweets?|"
    r"messages?|articles?|sentences?|users?|days?|months?|years?|points?|listings?|houses?|loans?|"
    r"applicants?|passengers?|clips?|files?|classes|categories|labels|hours?|weeks?|stations?|products?|"
    r"items?|ratings?|calls?|claims?|students?|employees?|trips?|rides?|orders?|properties|cities|countries|"
    r"frames?|videos?|recordings?|pairs?|questions?|sessions?|visits?|readings?|measurements?|events?)\b"
    r"|(?<![.\d])\b\d{1,3}(?:,\d{3})+\s+(?:[a-z-]+\s+)?[a-z-]+s\b|(?<![.\d])\b\d{3,}\s+(?:[a-z-]+\s+)?[a-z-]+s\b"
    r"|\(\s*\d[\d,]*\s*,\s*\d[\d,]*\s*\)|\b\d[\d,]*\s*[x\u00d7]\s*\d[\d,]*\b",
    re.IGNORECASE,
)
RESULT = _words(
    r"best", r"outperform\w*", r"achiev\w+", r"reach\w*", r"show(?:s|ed|n|ing)?", r"found", r"identified", r"top",
    r"most important", r"strongest", r"improv\w+", r"beat\w*", r"final model", r"selected", r"chosen",
    r"explains?", r"drives?", r"correlat\w+", r"accurate\w*", r"errors?", r"better", r"worse",
    r"matter\w*", r"(?:more|less) than", r"dominat\w+", r"doubl\w+", r"halv\w+", r"well enough", r"won",
)
IMPACT = _words(
    r"recommend\w*", r"decisions?", r"impact\w*", r"business", r"sav\w+", r"costs?", r"can be used",
    r"could (?:be used|help)", r"deploy\w*", r"use (?:it|this|the model)", r"actions?", r"actionable",
    r"stakeholders?", r"value", r"reduc\w+", r"prioriti[sz]\w+", r"target\w*", r"means? that", r"so (?:the|a|we)",
    r"in practice", r"production", r"help\w*", r"allow\w*", r"enabl\w+", r"ROI", r"revenue",
    r"so (?:it|they|you)", r"should", r"must not", r"can (?:rank|flag|help|identify|prioriti[sz]e|support|guide|"
    r"inform|target|reduce|save|be used|replace|speed)",
)
LIMITS = _words(
    r"limitations?", r"limited", r"caveats?", r"however", r"does not", r"doesn't", r"do not", r"don't",
    r"cannot", r"can't", r"bias\w*", r"next steps?", r"future", r"would (?:add|try|collect|improve|like)",
    r"could be improved", r"improv\w+", r"only", r"small", r"fail\w*", r"weakness\w*", r"trade[- ]?offs?",
    r"risks?", r"not (?:yet|tested|validated)", r"struggl\w+", r"unclear", r"assum\w+", r"drift",
    r"must not", r"should not", r"not (?:be )?(?:used|suitable|reliable|enough)", r"half", r"noisy", r"imbalanc\w+",
    r"still", r"would help", r"could (?:also|be|add|try)", r"confus(?:es|ed|ing)", r"underestimat\w+",
    r"overestimat\w+", r"obvious next", r"leak\w*",
)
IMBALANCE = _words(
    r"imbalanc\w+", r"unbalanc\w+", r"smote", r"minority class", r"minority classes", r"oversampl\w+",
    r"undersampl\w+", r"class weights?", r"rare class", r"rare classes", r"rare events?", r"skewed classes",
)
DRIVERS = _words(
    r"feature importances?", r"importances?", r"shap\w*", r"coefficients?", r"partial dependence",
    r"permutation importance", r"lime", r"what drives", r"drivers?", r"most (?:important|predictive|influential)",
    r"top features", r"grad-?cam", r"saliency", r"attention maps?",
)
SLICES = _words(
    r"per[- ](?:segment|group|class|region|category|cohort|country|subgroup)", r"by (?:segment|group|class|age|"
    r"gender|sex|region|category|country|cohort|season|month)", r"slices?", r"subgroups?", r"segments?",
    r"where the model (?:fails|struggles|is wrong)", r"fails? (?:on|for|when)", r"error analysis",
    r"misclassif\w+", r"confusion matrix", r"worst", r"underperform\w*", r"fairness", r"failure cases?",
    r"edge cases?", r"errors? (?:on|for|by)",
)
CITATION = re.compile(
    r"\bdoi\b|doi\.org|arxiv|\bet al\b|\buci\b|kaggle|sklearn\.datasets|hugging ?face|openml|zenodo"
    r"|data\.gov|\bcited?\b|\bcitation\b|\bsource:\s*[\w\[(]|\bcollected (?:by|from)\b|\bprovided by\b"
    r"|\b(?:published|released|made available|shared|compiled) by\b|\b(?:obtained|downloaded|sourced) from\b"
    r"|\bsynthetic\b|\bgenerated (?:by|with|from|for)\b|\bwritten for this\b"
    r"|\bwww\.[\w-]{1,63}\.[a-z]{2,6}|\b[\w-]{1,63}\.(?:org|gov|edu)\b",  # a site named without https://
    re.IGNORECASE,
)
LICENCE = re.compile(
    r"licen[cs][a-z]*\b[ \t]*(?::|\b(?:is|under|by)\b)?[ \t]*[A-Za-z0-9(]"
    r"|terms of (?:use|service)|\bcc[- ]?(?:by|0)\b|creative commons|public domain|open data"
    r"|\bodbl\b|\bmit\b|apache|\bgpl\b|\bcdla\b|usage rights|copyright",
    re.IGNORECASE,
)

CUES: dict[str, Terms] = {
    "problem": _words(
        r"goals?", r"aims?", r"objectives?", r"problems?", r"questions?", r"challenges?", r"business",
        r"customers?", r"users?", r"so that", r"in order to", r"we want", r"predict\w*", r"forecast\w*",
        r"classif\w*", r"detect\w*", r"help\w*", r"decisions?", r"motivation", r"purpose",
        r"competitions?"),
    "data": _words(
        r"datasets?", r"data ?sets?", r"rows", r"columns", r"records", r"samples", r"observations",
        r"instances", r"features", r"kaggle", r"uci", r"csv", r"collected", r"licen[cs]e\w*", r"download\w*",
        r"raw data", r"training data", r"competition data", r"test data", r"input data", r"original data",
        r"external data",
        r"target (?:variable|column)", r"labels?", r"missing values", r"source", r"attributes", r"variables"),
    "method": _words(*MODELS[:40], r"models?", r"trained", r"training", r"algorithms?", r"cross[- ]?validat\w*",
                     r"k-?fold", r"hyper-?parameters?", r"tun(?:ed|ing)", r"pipeline", r"preprocess\w*",
                     r"feature engineering", r"encod\w+", r"scal(?:ed|ing)", r"baselines?", r"fit(?:ted)?"),
    "metrics": _words(
        r"accuracy", r"precision", r"recall", r"f1(?:[- ]score)?", r"auc", r"roc", r"rmse", r"mae", r"mse", r"r2",
        r"r²", r"scores?", r"test set", r"held[- ]out", r"validation", r"confusion matrix", r"performance",
        r"evaluat\w+", r"metrics?", r"results?"),
    "outcome": _words(
        r"conclu\w+", r"recommend\w*", r"impact", r"insights?", r"limitations?", r"next steps?", r"future",
        r"learned", r"decisions?", r"deploy\w*", r"business value", r"suggests?", r"we found", r"takeaways?",
        r"in practice", r"trade[- ]?offs?", r"caveats?", r"lessons?",
        # a discussion against other work: what the result means beside published ones
        r"study", r"studies", r"papers?", r"literature", r"published", r"leak\w*", r"compared with",
        r"compared to", r"other work", r"prior work", r"previous work", r"earlier work", r"other results",
        r"previous results", r"published results", r"other studies", r"previous studies"),
}
ML = _words(
    r"machine learning", r"models?", r"predict\w*", r"classif\w*", r"regression", r"cluster\w*",
    r"datasets?", r"training", r"trained", r"neural", r"deep learning", r"features?", r"accuracy",
    r"precision", r"recall", r"f1", r"rmse", r"auc", r"scikit-learn", r"sklearn", r"pytorch", r"tensorflow",
    r"keras", r"xgboost", r"data science", r"forecast\w*", r"notebooks?", r"jupyter", r"pandas",
    r"analysis", r"statistic\w*", r"nlp", r"computer vision", r"embeddings?", r"llm",
)
INSTRUCTION_VERBS = frozenset({
    "begin", "build", "evaluate", "develop", "utilize", "utilise", "implement", "compare", "select", "assess",
    "train", "split", "fit", "use", "create", "define", "load", "apply", "perform", "tune", "choose", "test",
    "explore", "clean", "analyze", "analyse", "deploy", "collect", "gather", "prepare", "preprocess", "identify",
    "investigate", "examine", "determine", "establish", "construct", "design", "measure", "validate", "refit",
})
"""Verbs that open an instruction ("Build a baseline model"): in a Method, a list of them is a plan."""
OBJECT_STARTS = frozenset(
    {"the", "a", "an", "by", "and", "it", "them", "our", "its", "this", "these", "each", "all", "different",
     "multiple", "several", "various", "custom", "simple", "your", "any", "new", "more", "up"}
)
"""Words that follow such a verb when it gives an instruction ("test accuracy was…" is not one)."""
PLAN_WORDS = frozenset(
    {"will", "shall", "we'll", "i'll", "aim", "aims", "aiming", "plan", "plans", "planning", "intend", "intends",
     "going", "expected", "seek", "seeks", "hope", "completion", "soon", "be", "potential", "implemented"}
)
"""A word that every match of :data:`PLAN` holds (most sentences have none, and the pattern is not run)."""
PLAN = re.compile(
    r"\b(?:will(?! not\b)|shall|we'll|i'll|aim is to|coming soon|on completion"
    r"|(?:aims?|aiming|plans?|planning|intends?|seeks?|hope|going|expected) to"
    r"|to be (?:added|done|determined|completed|updated|decided|implemented|explored|evaluated|trained)"
    r"|ha(?:s|ve) the potential to|if implemented)\b"
)
"""Future or intent, read on a sentence's normal form (lower-case words, single spaces). Not "would be": in a
conclusion it is a next step ("a larger grid would be worth trying"), not a plan."""
SIGNPOST = re.compile(
    r"\b(?:will|we'll|i'll) (?:now |briefly |first |then )?(?:explain|describe|show|discuss|present|cover|walk|go"
    r" through|look at|outline|summari[sz]e|see|find|introduce)\b"
)
"""A sentence about the document, not the work ("In this section I will explain the model"): not a plan."""
SPECIFIC_TERMS = Terms(*MODEL.alternatives, *VALIDATION.alternatives, *BASELINE.alternatives)
COURTESY_WORDS = frozenset(
    {"hope", "free", "hesitate", "happy", "thank", "thanks", "welcome", "welcomed", "star", "contact", "reach",
     "questions", "enjoy"}
)
"""A word that every match of :data:`COURTESY` holds (most sentences have none, and the pattern is not run)."""
COURTESY = re.compile(
    r"\b(?:(?:we|i) hope (?:you|that you)|hope you (?:find|enjoy|like)|feel free to|(?:don't|do not|dont) hesitate"
    r"|happy (?:coding|learning|hacking|exploring)|thanks? (?:you )?for (?:reading|visiting|stopping|checking"
    r"|your interest|taking the time)|(?:contributions|suggestions|pull requests|prs) are (?:always )?welcomed?"
    r"|give (?:it|this|the) (?:repo |repository |project )?a star|star (?:this|the) (?:repo|repository|project)"
    r"|(?:hello|hi) and welcome|reach out to (?:me|us)"
    r"|if you have any (?:questions|suggestions|feedback)|enjoy (?:exploring|the project|reading))\b"
)
"""A sentence to the reader, not about the work ("We hope you find this useful", "Feel free to explore the
code", "Don't hesitate to contact us", "Happy coding!"): read on a sentence's normal form, it names nothing
checkable whatever names it repeats, so it is a stock sentence (unless it gives a number or a link: "Feel free
to reuse the 17,379 rows under CC BY 4.0"). Not "Welcome to …": an introduction often goes on to say what the
project does."""


def distinct(terms: Terms, text: str) -> set[str]:
    """The different words or phrases of ``terms`` that occur in ``text`` (lower case)."""
    return terms.distinct(text)

GENERIC_WORDS = frozenset({
    "about", "above", "across", "actually", "added", "after", "again", "against", "almost", "along", "already",
    "although", "always", "among", "another", "anything", "around", "based", "because", "become", "becomes",
    "before", "being", "below", "better", "between", "beyond", "bring", "build", "built", "called", "cannot",
    "certain", "change", "clear", "could", "course", "different", "doing", "during", "each", "early", "easily",
    "either", "enough", "entire", "especially", "every", "everything", "example", "excellent", "exciting",
    "experience", "explore", "explored", "extremely", "fairly", "final", "finally", "first", "following", "found",
    "further", "future", "general", "generally", "getting", "given", "going", "great", "greatly", "having",
    "helps", "highly", "however", "hopefully", "ideas", "important", "improve", "improved", "improvement",
    "including", "insights", "interesting", "knowledge", "large", "later", "learn", "learned", "learning",
    "least", "level", "little", "looking", "lots", "machine", "makes", "making", "means", "might", "model",
    "models", "moreover", "mostly", "much", "multiple", "necessary", "needs", "never", "other", "others",
    "otherwise", "overall", "particular", "perform", "performance", "performed", "pretty", "process", "project",
    "projects", "provide", "provides", "quality", "quite", "rather", "really", "reason", "results", "result",
    "section", "several", "should", "shows", "significant", "significantly", "similar", "simple", "since",
    "skills", "small", "solution", "something", "still", "strong", "success", "successful", "successfully",
    "technique", "techniques", "their", "there", "these", "thing", "things", "think", "those", "though", "three",
    "through", "throughout", "together", "towards", "truly", "trying", "understand", "understanding", "under",
    "until", "useful", "using", "usually", "various", "very", "which", "while", "whole", "within", "without",
    "words", "work", "worked", "working", "works", "would", "write", "written", "years", "analysis", "analyze",
    "analyzed", "approach", "approaches", "valuable", "value", "robust", "powerful", "seamless",
    "comprehensive", "leverage", "leverages", "leveraging", "advanced", "deliver", "delivers", "actionable",
    "cutting-edge", "state-of-the-art", "innovative", "efficient", "effective", "effectively", "accurate",
    "accuracy", "outcomes", "outcome", "problem", "problems", "solve", "solved", "dataset", "datasets",
    "information", "relevant", "specific", "specifically", "detailed", "details", "describe", "described",
    "description", "overview", "purpose", "goals", "objective", "objectives", "present", "presents", "presented",
    "discuss", "discussed", "consider", "considered", "data-driven", "journey", "gained", "wonderful",
    "amazing", "awesome", "nice", "cool", "best", "good", "well", "method", "methods",
    "methodology", "metric", "metrics", "evaluation", "evaluate", "evaluated", "trained", "training", "train",
    "tested", "testing", "real-world", "world", "users", "business", "decisions",
    "decision", "insightful", "impact",
    "matters", "matter", "people", "everyone", "someone", "anyone", "nothing", "chose", "choose", "tried",
    "clean", "cleaned", "cleaning", "exploring", "helpful", "thanks", "thank", "enjoyed", "happy", "proud",
    "challenging", "learnt", "completed", "complete", "finished", "created", "developed", "implemented",
    "applied", "topic", "field", "domain", "today", "modern", "popular", "common", "typical", "basic", "complex",
    "experiences", "loved", "fun", "wanted", "needed", "lesson", "lessons", "fantastic", "perfect", "perfectly",
    "properly", "correctly", "quickly", "nicely",
})
"""Words stock sentences are made of: they carry no fact a reviewer could check."""
# fmt: on
