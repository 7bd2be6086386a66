#!/usr/bin/env python3
"""Validates YAML files against the project's JSON Schemas with a real validator (jsonschema,
Draft 2020-12). Usage: validate_schemas.py SCHEMAS_DIR (--valid|--invalid) FILE...

The kind of each file follows from its path: Exercises/ -> exercise, Plans/ -> plan,
Patients/ -> profile, a name ending in rules.yaml -> rules; a name starting with 'exercise-',
'plan-', 'profile-' or 'rules-' names it too (for fixtures). With --valid every file must pass; with
--invalid every file must fail. Prints one line per file that did not do as expected; exit 1 if any.
Dates stay text, as rehab reads them (PyYAML would make them date objects)."""
import json
import os
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# Keep YYYY-MM-DD as text, as the schemas describe it.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(path):
    name = os.path.basename(path)
    for k in ("exercise", "plan", "profile", "rules"):
        if name.startswith(k + "-"):
            return k
    parts = path.replace("\\", "/").split("/")
    if "Exercises" in parts:
        return "exercise"
    if "Plans" in parts:
        return "plan"
    if "Patients" in parts:
        return "profile"
    if name.endswith("rules.yaml"):
        return "rules"
    return None


def main():
    schemas, mode, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    validators = {}
    for k in ("exercise", "plan", "profile", "rules"):
        with open(os.path.join(schemas, k + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[k] = jsonschema.Draft202012Validator(schema)
    wrong = 0
    for path in files:
        kind = kind_of(path)
        if kind is None:
            print(f"{path}: cannot tell the kind of file")
            wrong += 1
            continue
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=Loader)
        errors = sorted(validators[kind].iter_errors(data), key=lambda e: list(e.path))
        if mode == "--valid" and errors:
            for e in errors[:5]:
                print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
            wrong += 1
        elif mode == "--invalid" and not errors:
            print(f"{path}: expected the {kind} schema to refuse it, but it passed")
            wrong += 1
    print(f"{len(files) - wrong} as expected, {wrong} not")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
