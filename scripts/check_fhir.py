#!/usr/bin/env python3
"""Checks a FHIR R4 Bundle as a receiving server would, as far as that can be done here, and prints
a summary as JSON for the tests.

1. Structure: the fhir.resources R4B models validate every resource's elements and value types.
2. Transaction: `type` is `transaction`; every entry has a `request`; a PUT's url is `Type/id` of
   its resource; a POST carries `ifNoneExist`; fullUrls and ids are unique; every reference inside
   the bundle resolves to an entry's fullUrl ("dangling" lists the ones that do not).
3. The HL7 Physical Activity IG (STU 1, 1.0.1, http://hl7.org/fhir/us/physical-activity), for each
   resource whose meta.profile claims one of its profiles: the constraints below, written down
   from the IG's FSH sources (input/fsh/Planning.fsh, ObservationExerciseSupport.fsh,
   ObservationExerciseVitalSign.fsh, Vocabulary.fsh). "ig" lists every violation found.
"""
import json
import sys

from fhir.resources.R4B.bundle import Bundle

PA = "http://hl7.org/fhir/us/physical-activity"
SD = PA + "/StructureDefinition/"
PA_CATEGORY = (PA + "/CodeSystem/pa-temporary-codes", "PhysicalActivity")
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"

# PAServiceRequest (SD + "pa-servicerequest")
SR_INTENTS = {"original-order", "order", "filler-order"}  # ValueSet PAServiceRequestIntent
SR_STATUSES = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"}  # PAServiceRequestStatus (required)
SR_PERFORMERS = {"Patient", "Practitioner", "PractitionerRole", "Organization", "RelatedPerson"}
SR_REQUESTERS = {"Practitioner", "PractitionerRole"}
# PAObservationBase and the EVS profiles
OBS_STATUSES = {"final", "amended", "corrected", "entered-in-error"}
OBS_PERFORMERS = {"Patient", "Practitioner", "PractitionerRole", "RelatedPerson"}
EVS = {  # profile id: (LOINC code, UCUM code)
    "pa-observation-evs-days-per-week": ("89555-7", "d/wk"),
    "pa-observation-evs-min-per-day": ("68516-4", "min/d"),
    "pa-observation-evs-min-per-week": ("82290-8", "min/wk"),
    "pa-observation-strength-days-per-week": ("82291-6", "d/wk"),
}
NOTE_AUTHORS = {"Practitioner", "Organization", "Patient", "RelatedPerson", "PractitionerRole"}


def codings(concepts):
    return [(c.get("system"), c.get("code")) for cc in concepts or [] for c in cc.get("coding", [])]


def references(value):
    """Every `reference` string anywhere in a resource."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from references(v)
    elif isinstance(value, list):
        for v in value:
            yield from references(v)


def check_ig(r, kind_of, problems):
    profiles = [p for p in r.get("meta", {}).get("profile", []) if p.startswith(SD)]
    where = f"{r['resourceType']}/{r.get('id', '?')}"

    def need(ok, what):
        if not ok:
            problems.append(f"{where}: {what}")

    def ref_types(field):
        items = r.get(field)
        items = items if isinstance(items, list) else [items] if items else []
        return [kind_of.get(i.get("reference")) for i in items]

    def notes():
        for n in r.get("note", []):
            need("authorReference" in n or "authorString" in n, "note.author[x] is required (1..1)")
            need("time" in n, "note.time is required (1..1)")
            if "authorReference" in n:
                need(kind_of.get(n["authorReference"]["reference"]) in NOTE_AUTHORS, "note.author is not an allowed type")

    for p in profiles:
        pid = p[len(SD):]
        if pid == "pa-servicerequest":
            need(r.get("intent") in SR_INTENTS, f"intent '{r.get('intent')}' is not one of {sorted(SR_INTENTS)}")
            need(r.get("status") in SR_STATUSES, f"status '{r.get('status')}' is not allowed")
            need(PA_CATEGORY in codings(r.get("category")), "category PhysicalActivity is required")
            need("doNotPerform" not in r, "doNotPerform is not allowed (..0)")
            need("code" in r and "subject" in r, "code and subject are required")
            need(not any(k.startswith("occurrence") and k not in ("occurrenceDateTime", "occurrencePeriod", "occurrenceTiming") for k in r),
                 "occurrence[x] only dateTime, Period or Timing")
            need("authoredOn" in r, "authoredOn is required (1..1)")
            need(ref_types("requester") and all(t in SR_REQUESTERS for t in ref_types("requester")),
                 "requester (1..1) must be a Practitioner or PractitionerRole")
            need(all(t in SR_PERFORMERS for t in ref_types("performer")), "performer is not an allowed type")
            need("reasonCode" in r or "reasonReference" in r, "pa-sr-1: reasonCode or reasonReference")
            need("specimen" not in r, "specimen is not allowed")
            notes()
        elif pid == "pa-careplan":
            need(r.get("intent") == "plan", "intent must be plan")
            need(PA_CATEGORY in codings(r.get("category")), "category PhysicalActivity is required")
            need(("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan") in codings(r.get("category")),
                 "US Core: category assess-plan is required")
            need(bool(r.get("text", {}).get("div")) and r.get("text", {}).get("status") in ("generated", "extensions", "additional", "empty"),
                 "US Core: text (status and div) is required")
            need("subject" in r, "subject is required")
            notes()
        elif pid in EVS or pid.startswith("pa-observation"):
            need(r.get("status") in OBS_STATUSES, f"status '{r.get('status')}' is not one of {sorted(OBS_STATUSES)}")
            cats = codings(r.get("category"))
            need((OBS_CATEGORY, "activity") in cats, "category activity is required")
            need(PA_CATEGORY in cats, "category PhysicalActivity is required")
            need("code" in r and "subject" in r, "code and subject are required")
            need("effectiveDateTime" in r or "effectivePeriod" in r, "effective[x] is required")
            need(len(r.get("effectiveDateTime", "0" * 10)) >= 10, "effectiveDateTime needs at least a day (minLength 10)")
            need("focus" not in r and "specimen" not in r, "focus and specimen are not allowed")
            need(all(t in OBS_PERFORMERS for t in ref_types("performer")), "performer is not an allowed type")
            q = r.get("valueQuantity")
            if q is not None:
                need("value" in q and q.get("system") == UCUM and "code" in q, "valueQuantity needs value, UCUM system and code")
                need("comparator" not in q, "valueQuantity is a SimpleQuantity (no comparator)")
            notes()
            if pid in EVS:
                code, unit = EVS[pid]
                need("effectivePeriod" not in r and "effectiveDateTime" in r, "EVS: effective[x] only dateTime")
                need(q is not None and not any(k.startswith("value") and k != "valueQuantity" for k in r), "EVS: value[x] only Quantity")
                need((LOINC, code) in codings([r.get("code", {})]), f"code must be LOINC {code}")
                need(q is not None and q.get("code") == unit, f"valueQuantity.code must be {unit}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    bundle = Bundle.model_validate_json(text) if hasattr(Bundle, "model_validate_json") else Bundle.parse_raw(text)
    raw = json.loads(text)
    entries = raw.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    kind_of = {e.get("fullUrl"): e["resource"]["resourceType"] for e in entries}
    out = {"types": [], "requests": [], "observations": [], "dangling": [], "transaction": [], "ig": [],
           "flags": [], "ids": {}, "patient": [], "careplan": {}}
    if raw.get("type") != "transaction":
        out["transaction"].append(f"Bundle.type is '{raw.get('type')}', not transaction")
    if len(set(urls)) != len(urls):
        out["transaction"].append("fullUrls are not unique")
    ids = [e["resource"].get("id") for e in entries if e["resource"].get("id")]
    if len(set(ids)) != len(ids):
        out["transaction"].append("ids are not unique")
    for e, model in zip(entries, bundle.entry):
        r = e["resource"]
        kind = r["resourceType"]
        out["types"].append(kind)
        req = e.get("request")
        if req is None:
            out["transaction"].append(f"{kind}: no request")
        elif req.get("method") == "PUT":
            if req.get("url") != f"{kind}/{r.get('id')}":
                out["transaction"].append(f"{kind}: PUT {req.get('url')} is not {kind}/{r.get('id')}")
        elif req.get("method") == "POST":
            if not req.get("ifNoneExist"):
                out["transaction"].append(f"{kind}: POST without ifNoneExist (a second load would duplicate it)")
        else:
            out["transaction"].append(f"{kind}: method {req.get('method')}")
        out["dangling"] += [ref for ref in references(r) if ref not in kind_of]
        check_ig(r, kind_of, out["ig"])
        key = r.get("id") or e.get("fullUrl")
        if kind == "ServiceRequest":
            t = model.resource.occurrenceTiming
            out["requests"].append({
                "codes": codings([r["code"]]), "text": r["code"].get("text"), "id": key,
                "timing": None if t is None else {"frequency": t.repeat.frequency, "period": float(t.repeat.period), "unit": t.repeat.periodUnit},
                "asNeeded": r.get("asNeededBoolean"), "doNotPerform": r.get("doNotPerform"), "status": r.get("status"),
                "intent": r.get("intent"), "instruction": r.get("patientInstruction"),
                "performer": [p["reference"] for p in r.get("performer", [])],
                "performerTypes": [kind_of.get(p["reference"]) for p in r.get("performer", [])]})
        elif kind == "Observation":
            out["observations"].append({
                "codes": codings([r["code"]]), "text": r["code"].get("text"), "status": r["status"], "id": key,
                "date": r.get("effectiveDateTime"), "unit": r.get("valueQuantity", {}).get("code"),
                "value": r.get("valueQuantity", {}).get("value", r.get("valueInteger")),
                "profile": r.get("meta", {}).get("profile", [])})
        elif kind == "Flag":
            out["flags"].append({"id": key, "url": e.get("fullUrl"), "text": r["code"].get("text"),
                                 "priority": [c["code"] for x in r.get("extension", []) for c in x["valueCodeableConcept"]["coding"]]})
        elif kind == "Patient":
            out["patient"].append({"identifier": r.get("identifier", []), "request": req})
        elif kind == "CarePlan":
            out["careplan"] = {"id": key, "status": r.get("status"),
                               "supportingInfo": [s["reference"] for s in r.get("supportingInfo", [])]}
        out["ids"].setdefault(kind, []).append(key)
    print(json.dumps(out))


main()
