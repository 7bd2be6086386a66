#!/usr/bin/env python3
"""Reads an iCalendar file with the icalendar library (a real parser) and prints its events as JSON:
[{"summary", "description", "start", "end", "all_day", "uid", "sequence", "status"}], so tests can compare them with the schedule."""
import datetime
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
events = []
for e in cal.walk("VEVENT"):
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    all_day = not isinstance(start, datetime.datetime)
    events.append({"summary": str(e.get("SUMMARY")), "start": start.isoformat(), "end": end.isoformat(),
                   "all_day": all_day, "uid": str(e.get("UID")), "sequence": int(e.get("SEQUENCE", 0)),
                   "status": str(e.get("STATUS", "")), "description": str(e.get("DESCRIPTION", ""))})
print(json.dumps(events))
