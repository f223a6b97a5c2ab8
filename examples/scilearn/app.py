"""The SciLearn service, served synchronously: uvicorn + FastAPI, POST /predict, GET /health."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from model import InvalidRequest, Model, customers_of

MODEL = Model()  # fitted once at start (the cold start a sync service pays at deploy time)
app = FastAPI(title="scilearn")


@app.get("/health")
def health() -> dict:
    """Ready once the model is fitted (import time)."""
    return {"status": "ok", "segments": int(MODEL.kmeans.n_clusters)}


@app.post("/predict")
async def predict(request: Request) -> JSONResponse:
    """Scores the request's customers; bad input -> 400 with a code naming the field."""
    try:
        payload = await request.json()
    except ValueError:
        return _error(400, "SCILEARN_BAD_JSON", "(body)", "is not JSON")
    try:
        frame = customers_of(payload)
    except InvalidRequest as err:
        return _error(400, "SCILEARN_INVALID_REQUEST", err.field, str(err))
    return JSONResponse(MODEL.score(frame))


def _error(status: int, code: str, field: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "field": field, "message": message}}, status_code=status)
