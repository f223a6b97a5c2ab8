"""The SciLearn work of the source article on marketing data, shared by app.py and handler.py.

At import it generates a seeded synthetic customer base and fits, once:
- RFM features with pandas (recency, frequency, monetary -> log scale and 1-5 quintile scores),
- a KMeans segmentation of the scaled features,
- a logistic-regression conversion model on the features and the segment.
A request scores a batch of customers with all three. Everything is seeded: the same request
gives the same answer on every start.
"""

import math
import os

# One vCPU per process (a 1,769 MB Lambda, a 1 vCPU task): BLAS/OpenMP threads beyond it only
# contend. Must be set before numpy and scikit-learn load their thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

SEED = 42
TRAINING_CUSTOMERS = 5_000
SEGMENTS = 4
MAX_CUSTOMERS = 10_000  # per request: bounds the work one request may ask for
CHANNELS = ("email", "search", "social", "display")


class InvalidRequest(ValueError):
    """A request the model cannot score; `field` names the offending part."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


def synthetic_customers(size: int, seed: int) -> pd.DataFrame:
    """A seeded synthetic customer base (recency in days, order count, spend)."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(size)],
            "recencyDays": rng.exponential(45.0, size).round(0),
            "frequency": rng.poisson(4.0, size) + 1,
            "monetary": rng.lognormal(4.0, 0.9, size).round(2),
            "channel": rng.choice(CHANNELS, size),
        }
    )


def _features(df: pd.DataFrame) -> np.ndarray:
    return np.column_stack(
        [
            np.log1p(df["recencyDays"].to_numpy(dtype=float)),
            np.log1p(df["frequency"].to_numpy(dtype=float)),
            np.log1p(df["monetary"].to_numpy(dtype=float)),
        ]
    )


class Model:
    """The fitted scaler, segmentation and conversion model, and the RFM quintile edges."""

    def __init__(self, seed: int = SEED):
        train = synthetic_customers(TRAINING_CUSTOMERS, seed)
        x = _features(train)
        self.scaler = StandardScaler().fit(x)
        scaled = self.scaler.transform(x)
        self.kmeans = KMeans(n_clusters=SEGMENTS, n_init=4, random_state=seed).fit(scaled)
        # Quintile edges of the training base: a request's scores are relative to it.
        self.edges = {
            col: np.quantile(train[col].to_numpy(dtype=float), [0.2, 0.4, 0.6, 0.8])
            for col in ("recencyDays", "frequency", "monetary")
        }
        # Ground truth of the synthetic base: recent, frequent, big spenders convert more.
        rng = np.random.default_rng(seed + 1)
        logit = -1.2 * scaled[:, 0] + 0.8 * scaled[:, 1] + 0.6 * scaled[:, 2] - 0.5
        converted = rng.random(len(train)) < 1.0 / (1.0 + np.exp(-logit))
        self.classifier = LogisticRegression(max_iter=500).fit(self._design(scaled), converted)

    def _design(self, scaled: np.ndarray) -> np.ndarray:
        segments = self.kmeans.predict(scaled)
        return np.column_stack([scaled, np.eye(SEGMENTS)[segments]])

    def score(self, df: pd.DataFrame) -> dict:
        """RFM scores, segment and conversion probability per customer, and a batch summary."""
        scaled = self.scaler.transform(_features(df))
        segments = self.kmeans.predict(scaled)
        probability = self.classifier.predict_proba(self._design(scaled))[:, 1]
        r = 5 - np.searchsorted(self.edges["recencyDays"], df["recencyDays"].to_numpy(float))
        f = 1 + np.searchsorted(self.edges["frequency"], df["frequency"].to_numpy(float))
        m = 1 + np.searchsorted(self.edges["monetary"], df["monetary"].to_numpy(float))
        out = df[["id"]].assign(r=r, f=f, m=m, segment=segments, conversion=probability.round(4))
        by_segment = out.groupby("segment")["conversion"].agg(["count", "mean"]).round(4)
        return {
            "customers": len(out),
            "expectedConversions": round(float(probability.sum()), 3),
            "segments": [
                {"segment": int(s), "customers": int(row["count"]), "meanConversion": float(row["mean"])}
                for s, row in by_segment.iterrows()
            ],
            "scores": out.to_dict(orient="records"),
        }


def _number(field: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidRequest(field, "must be a finite number")
    if value < 0:
        raise InvalidRequest(field, "must be >= 0")
    return float(value)


def customers_of(payload) -> pd.DataFrame:
    """The customers a request names: `customers` inline, or `synthetic: {size, seed}`."""
    if not isinstance(payload, dict):
        raise InvalidRequest("(body)", "must be a JSON object")
    if "synthetic" in payload:
        spec = payload["synthetic"]
        if not isinstance(spec, dict):
            raise InvalidRequest("synthetic", "must be {size, seed}")
        size, seed = spec.get("size"), spec.get("seed", 1)
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_CUSTOMERS:
            raise InvalidRequest("synthetic.size", f"must be an integer in [1, {MAX_CUSTOMERS}]")
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise InvalidRequest("synthetic.seed", "must be an integer >= 0")
        return synthetic_customers(size, seed)
    rows = payload.get("customers")
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_CUSTOMERS:
        raise InvalidRequest("customers", f"must be a list of 1 to {MAX_CUSTOMERS} customers")
    clean = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidRequest(f"customers[{i}]", "must be an object")
        clean.append(
            {
                "id": str(row.get("id", f"c{i}")),
                **{k: _number(f"customers[{i}].{k}", row.get(k)) for k in ("recencyDays", "frequency", "monetary")},
            }
        )
    return pd.DataFrame(clean)
