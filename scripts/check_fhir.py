#!/usr/bin/env python3
"""Validates a FHIR R4 Bundle with the fhir.resources R4B models (real validation of every
resource's structure and value types) and prints a summary as JSON for the tests: the resource
types, the ServiceRequests' codes, timings and references, the Observations' LOINC codes."""
import json
import sys

from fhir.resources.R4B.bundle import Bundle

with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
bundle = Bundle.model_validate_json(text) if hasattr(Bundle, "model_validate_json") else Bundle.parse_raw(text)
urls = {e.fullUrl for e in bundle.entry}
out = {"types": [], "requests": [], "observations": [], "dangling": []}
for e in bundle.entry:
    r = e.resource
    out["types"].append(r.__resource_type__ if hasattr(r, "__resource_type__") else r.resource_type)
    refs = []
    for field in ("subject", "performer", "basedOn", "activity"):
        value = getattr(r, field, None)
        if value is None:
            continue
        for v in value if isinstance(value, list) else [value]:
            ref = v.reference.reference if field == "activity" else v.reference
            refs.append(ref)
    out["dangling"] += [ref for ref in refs if ref not in urls]
    kind = out["types"][-1]
    if kind == "ServiceRequest":
        t = r.occurrenceTiming
        out["requests"].append({
            "codes": [(c.system, c.code) for c in r.code.coding], "text": r.code.text,
            "timing": None if t is None else {"frequency": t.repeat.frequency, "period": float(t.repeat.period), "unit": t.repeat.periodUnit},
            "asNeeded": r.asNeededBoolean, "doNotPerform": r.doNotPerform, "status": r.status,
            "instruction": r.patientInstruction, "performer": [p.reference for p in r.performer]})
    if kind == "Observation":
        out["observations"].append([(c.system, c.code) for c in r.code.coding])
print(json.dumps(out))
