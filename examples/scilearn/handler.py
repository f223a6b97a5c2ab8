"""The SciLearn work as an SQS-triggered Lambda handler (run by awslambdaric: handler.handler).

Each SQS record's body is the job envelope {"jobId", "enqueuedAt", "payload"}; the payload is
what the sync service's POST /predict takes. A record that is not a valid job (poison) is
reported in batchItemFailures, so SQS redelivers it and, after maxReceiveCount, moves it to the
DLQ; the others succeed. A handler does not publish results: the platform counts a record done
when the response does not list it.
"""

import json

from model import InvalidRequest, Model, customers_of

MODEL = Model()  # init phase: paid once per execution environment (the cold start)


def payload_of(body: str):
    """The request inside a job envelope; raises InvalidRequest for anything else."""
    try:
        envelope = json.loads(body)
    except ValueError as err:
        raise InvalidRequest("(body)", f"is not JSON ({err})") from err
    if not isinstance(envelope, dict) or not isinstance(envelope.get("jobId"), str):
        raise InvalidRequest("jobId", "the job envelope needs a string jobId")
    # The documented envelope carries `payload`; the built-in enqueue API's v1 names it `request`.
    if "payload" in envelope:
        return envelope["payload"]
    if "request" in envelope:
        return envelope["request"]
    raise InvalidRequest("payload", "the job envelope has no payload")


def handler(event, context):
    """Scores each record's customers; returns the records that failed (partial batch response)."""
    failures = []
    for record in event.get("Records", []):
        try:
            MODEL.score(customers_of(payload_of(record["body"])))
        except (InvalidRequest, KeyError, TypeError):
            failures.append({"itemIdentifier": record.get("messageId", "")})
    return {"batchItemFailures": failures}
