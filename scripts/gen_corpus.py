#!/usr/bin/env python3
"""Deterministic synthetic content corpus for plansite benchmarks (docs/performance.md).

    scripts/gen_corpus.py --plans 1000 --out .build-bench/corpus-1000 [--seed 6] [--source Content]

Writes a complete content folder in the format of docs/content-format.md:

    site.yaml
    regions/rNNN/{region.yaml,departments.csv,metrics.csv,observations.csv}
    plans/plan-NNNNN/{plan.md,indicators.csv[,reports.csv]}

The text is realistic because it is made of sentences, task titles and headings taken from
the bundled plans in --source (Content/): annotations, private-use characters and
Markdown syntax are removed from that material, so every generated plan passes
`plansite check`. Each plan has about 110 KB of Markdown and about 116 tasks: chapters
(一、), sections ((一)), numbered tasks (continuous through the plan in some plans,
restarting in every section in others; paragraphs `1.…` or headings `#### 1. …`), task
and section department annotations resolving to the region's departments.csv (with the
市/县 prefix carry-over), task-less sections, 专栏 block quotes, an attachment table,
explicit `indicator:` links and indicator names in task text.

Same arguments and the same source material give byte-identical output: the only
randomness is a SplitMix64 generator seeded from --seed (no `random` module, no clock,
no hash seeds). The folder is written under OUT.tmp and renamed into place at the end,
so an interrupted run never leaves a half-written corpus behind. OUT/corpus.json
records the parameters and totals.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import sys

GENERATOR_VERSION = 2
# DepartmentResolver.notPrefixed: words that start with a level character.
NOT_PREFIXED = ("市场", "区域", "省级", "县级", "市级", "区级")
MASK64 = (1 << 64) - 1


class SplitMix64:
    """A tiny, portable PRNG: the same seed gives the same numbers on every Python."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """An integer in [0, n)."""
        return self.next() % n

    def between(self, a, b):
        """An integer in [a, b]."""
        return a + self.below(b - a + 1)

    def chance(self, p):
        return (self.next() >> 11) / float(1 << 53) < p

    def uniform(self, a, b):
        return a + (b - a) * ((self.next() >> 11) / float(1 << 53))

    def choice(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k):
        pool = list(items)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out

    def fork(self, *labels):
        """An independent stream for a sub-part (a region, a plan), stable across sizes."""
        h = hashlib.sha256(("%d:" % self.state + ":".join(str(x) for x in labels)).encode()).digest()
        return SplitMix64(int.from_bytes(h[:8], "little"))


# --------------------------------------------------------------------------------------------
# Source material from the bundled plans

ANNOTATION_KEYS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "协同单位", "协办单位")
BAD_CHARS = set("#>|*_[]`<&\\{}$~^!")
TASK_START = re.compile(r"^(\d{1,3})[.．、](?![\d０-９])\s*")
CHAPTER = re.compile(r"^##\s+([一二三四五六七八九十]+)、\s*(.+)$")
SECTION = re.compile(r"^###\s+[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$")
HEADING_TASK = re.compile(r"^####\s+\d{1,3}[.．、]\s*(.+)$")


def clean(text):
    """Text without private-use characters; None when it is unusable as plain paragraph text."""
    text = "".join(ch for ch in text if not (0xE000 <= ord(ch) <= 0xF8FF)).strip()
    if not text or any(ch in BAD_CHARS for ch in text):
        return None
    if any(k in text for k in ANNOTATION_KEYS) or "http" in text or "www" in text or "(略)" in text or "（略）" in text:
        return None
    if text[0] in "-+=0123456789()（）—–:：;；,，、。.　 ":
        return None
    return text


def load_material(source):
    sentences, titles, sections, chapters = [], [], [], []
    plans_dir = os.path.join(source, "plans")
    digest = hashlib.sha256()
    for plan_id in sorted(os.listdir(plans_dir)):
        path = os.path.join(plans_dir, plan_id, "plan.md")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        digest.update(text.encode())
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            text = text[end + 5:] if end >= 0 else text
        for line in text.split("\n"):
            line = line.strip()
            if not line or line.startswith((">", "|", "***", "- ", "* ")):
                continue
            m = CHAPTER.match(line)
            if m:
                c = clean(m.group(2))
                if c and len(c) <= 30:
                    chapters.append(c)
                continue
            m = SECTION.match(line)
            if m:
                c = clean(m.group(2))
                if c and len(c) <= 40 and "。" not in c:
                    sections.append(c)
                continue
            m = HEADING_TASK.match(line)
            if m:
                c = clean(m.group(1))
                if c and len(c) <= 40 and "。" not in c:
                    titles.append(c)
                continue
            if line.startswith("#"):
                continue
            is_task = TASK_START.match(line)
            if is_task:
                line = line[is_task.end():]
            # Drop annotations (with nested brackets) before splitting into sentences.
            line = re.sub(r"[(（]\s*(?:%s)\s*[:：][^\n]*?[)）](?=[。.]?$|[^)）]*$)" % "|".join(ANNOTATION_KEYS), "", line)
            parts = [p for p in line.split("。")]
            for i, part in enumerate(parts):
                part = part.strip()
                if not part:
                    continue
                if is_task and i == 0:
                    c = clean(part)
                    if c and 4 <= len(c) <= 40:
                        titles.append(c)
                    continue
                c = clean(part)
                if c and 10 <= len(c) <= 220:
                    sentences.append(c + "。")
    dedupe = lambda xs: sorted(set(xs))
    material = {
        "sentences": dedupe(sentences), "titles": dedupe(titles),
        "sections": dedupe(sections), "chapters": dedupe(chapters),
    }
    for key, values in material.items():
        if len(values) < 10:
            sys.exit("gen_corpus: too little %s in %s (%d); is --source the bundled Content/?" % (key, source, len(values)))
    return material, digest.hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Regions: departments, metrics, observations

REGION_NAMES = [
    "湖州", "嘉兴", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "温州", "宁波", "杭州", "南通", "扬州", "镇江",
    "泰州", "常州", "无锡", "苏州", "宿迁", "淮安", "盐城", "连云港", "徐州", "芜湖", "马鞍山", "铜陵", "安庆", "黄山",
    "宣城", "池州", "滁州", "六安", "上饶", "景德镇", "鹰潭", "九江", "南平", "三明", "龙岩", "宁德", "莆田", "漳州",
    "泉州", "赣州", "吉安", "抚州", "宜春", "萍乡", "新余", "株洲", "湘潭", "衡阳", "岳阳", "常德", "益阳", "郴州",
]
COUNTY_NAMES = [
    "安吉", "德清", "长兴", "淳安", "桐庐", "开化", "常山", "龙游", "松阳", "遂昌", "云和", "庆元", "景宁", "缙云",
    "青田", "文成", "泰顺", "永嘉", "平阳", "苍南", "三门", "天台", "仙居", "磐安", "浦江", "武义", "新昌", "嘉善",
    "海盐", "象山", "宁海", "岱山", "嵊泗",
]

# id, short name (as plans write it, after the level prefix), canonical name ({n}: the
# region's name), kind, whether the bare short name is registered as an alias (when it is
# not, `市发改委、科技局` resolves 科技局 by the prefix carry-over).
DEPARTMENTS = [
    ("fgw", "发改委", "{n}发展和改革委员会", "government", True),
    ("jxj", "经信局", "{n}经济和信息化局", "government", True),
    ("kjj", "科技局", "{n}科学技术局", "government", False),
    ("czj", "财政局", "{n}财政局", "government", True),
    ("zrzyj", "自然资源局", "{n}自然资源和规划局", "government", True),
    ("sthjj", "生态环境局", "{n}生态环境局", "agency", True),
    ("zjj", "住建局", "{n}住房和城乡建设局", "government", True),
    ("jtysj", "交通运输局", "{n}交通运输局", "government", True),
    ("slj", "水利局", "{n}水利局", "government", True),
    ("nyncj", "农业农村局", "{n}农业农村局", "government", True),
    ("swj", "商务局", "{n}商务局", "government", False),
    ("wgly", "文广旅游局", "{n}文化广电旅游局", "government", True),
    ("wjw", "卫健委", "{n}卫生健康委员会", "government", True),
    ("yjj", "应急管理局", "{n}应急管理局", "government", True),
    ("scjg", "市场监管局", "{n}市场监督管理局", "government", True),
    ("tjj", "统计局", "{n}统计局", "government", False),
    ("zhzf", "综合执法局", "{n}综合行政执法局", "government", True),
    ("gaj", "公安局", "{n}公安局", "government", False),
    ("jyj", "教育局", "{n}教育局", "government", False),
    ("sfj", "司法局", "{n}司法局", "government", False),
    ("sjj", "审计局", "{n}审计局", "government", True),
    ("rsj", "人力社保局", "{n}人力资源和社会保障局", "government", True),
    ("mzj", "民政局", "{n}民政局", "government", False),
    ("jgsw", "机关事务局", "{n}机关事务管理局", "government", True),
    ("dsj", "大数据局", "{n}大数据发展管理局", "government", True),
    ("gzw", "国资委", "{n}国有资产监督管理委员会", "government", True),
    ("jrb", "金融办", "{n}地方金融监督管理局", "government", True),
    ("qxj", "气象局", "{n}气象局", "agency", False),
    ("swju", "税务局", "国家税务总局{n}税务局", "agency", False),
    ("lyj", "林业局", "{n}林业局", "government", True),
    ("zfb", "府办", "{n}人民政府办公室", "government", False),
    ("wb", "委办", "中共{n}委办公室", "party", False),
    ("zzb", "委组织部", "中共{n}委组织部", "party", False),
    ("xcb", "委宣传部", "中共{n}委宣传部", "party", False),
    ("jwjw", "纪委监委", "中共{n}纪律检查委员会", "party", False),
    ("gdgs", "供电公司", "国网{n}供电公司", "enterprise", True),
    ("stjt", "水务集团", "{n}水务集团有限公司", "enterprise", True),
    ("ctjt", "城投集团", "{n}城市建设投资集团有限公司", "enterprise", True),
    ("zsb", "治水办", "{n}五水共治工作领导小组办公室", "other", True),
    ("khb", "考核办", "{n}考核办公室", "other", True),
]

# id, name, unit, direction, baseline range, indicator name variants, aliases, domain, target style
METRICS = [
    ("pm25", "PM2.5年均浓度", "微克/立方米", "lower", (28, 55), ["PM2.5年均浓度", "细颗粒物(PM2.5)浓度"], "PM2.5浓度", "环境空气质量", "max"),
    ("air-good-rate", "空气质量优良天数比率", "%", "higher", (70, 92), ["空气质量优良天数比率", "城市日空气质量达标天数比例"], "空气优良率", "环境空气质量", "min"),
    ("o3", "臭氧浓度", "微克/立方米", "lower", (140, 175), ["臭氧日最大8小时平均浓度"], "臭氧浓度", "环境空气质量", "max"),
    ("water-class3", "地表水达到或好于Ⅲ类水体比例", "%", "higher", (70, 96), ["地表水达到或好于Ⅲ类水体比例", "市控以上地表水监测断面Ⅲ类及以上水质比例"], "Ⅲ类水质比例", "水环境质量", "min"),
    ("drinking-water", "集中式饮用水水源地水质达标率", "%", "higher", (95, 100), ["县级以上城市集中式饮用水水源地水质达标率"], "饮用水水源", "水环境质量", "min"),
    ("sewage", "城市污水处理率", "%", "higher", (85, 97), ["城市污水处理率", "县城污水处理率"], "污水处理率", "水环境质量", "min"),
    ("rural-sewage", "农村生活污水处理设施覆盖率", "%", "higher", (60, 90), ["农村生活污水处理设施覆盖率"], "农村生活污水治理", "水环境质量", "min"),
    ("black-water", "城市建成区黑臭水体消除率", "%", "higher", (80, 100), ["城市建成区黑臭水体消除率"], "黑臭水体", "水环境质量", "min"),
    ("forest-cover", "森林覆盖率", "%", "higher", (40, 65), ["森林覆盖率"], "", "生态保护", "min"),
    ("wetland-rate", "湿地保护率", "%", "higher", (40, 60), ["湿地保护率"], "湿地保护", "生态保护", "min"),
    ("polluted-farmland", "受污染耕地安全利用率", "%", "higher", (88, 96), ["受污染耕地安全利用率"], "受污染耕地", "土壤环境质量", "min"),
    ("contaminated-land", "污染地块安全利用率", "%", "higher", (88, 96), ["污染地块安全利用率"], "污染地块", "土壤环境质量", "min"),
    ("hazardous-waste", "危险废物利用处置无害化率", "%", "higher", (95, 100), ["危险废物利用处置无害化率"], "危险废物", "固体废物", "min"),
    ("msw-sorting", "生活垃圾分类覆盖面", "%", "higher", (60, 95), ["城乡生活垃圾分类覆盖面"], "生活垃圾分类", "固体废物", "min"),
    ("msw-harmless", "城镇生活垃圾无害化处理率", "%", "higher", (95, 100), ["城镇生活垃圾无害化处理率"], "生活垃圾无害化", "固体废物", "min"),
    ("industrial-solid", "一般工业固体废物综合利用率", "%", "higher", (85, 97), ["一般工业固体废物综合利用率"], "工业固体废物", "固体废物", "min"),
    ("energy-intensity", "单位GDP能耗降低", "%", "higher", (10, 18), ["单位地区生产总值能耗降低"], "单位GDP能耗", "绿色低碳", "cum"),
    ("carbon-intensity", "单位GDP二氧化碳排放降低", "%", "higher", (15, 22), ["单位地区生产总值二氧化碳排放降低"], "碳排放强度", "绿色低碳", "cum"),
    ("clean-energy", "清洁能源占一次能源消费比重", "%", "higher", (20, 45), ["清洁能源占一次能源消费比重"], "清洁能源", "绿色低碳", "min"),
    ("green-building", "城镇绿色建筑占新建建筑比例", "%", "higher", (50, 90), ["城镇绿色建筑占新建建筑比例"], "绿色建筑", "绿色低碳", "min"),
    ("water-use", "万元GDP用水量下降", "%", "higher", (15, 25), ["万元地区生产总值用水量下降"], "用水量", "资源利用", "cum"),
    ("straw", "秸秆综合利用率", "%", "higher", (88, 96), ["秸秆综合利用率"], "秸秆", "资源利用", "min"),
    ("manure", "畜禽粪污综合利用率", "%", "higher", (85, 95), ["畜禽粪污综合利用率"], "畜禽粪污", "资源利用", "min"),
    ("green-space", "建成区绿地率", "%", "higher", (35, 42), ["城市建成区绿地率"], "绿地率", "人居环境", "min"),
    ("satisfaction", "公众对生态环境质量满意度", "%", "higher", (80, 92), ["公众对生态环境质量满意度"], "生态环境满意度", "生态文化", "min"),
]
QUALITATIVE = [
    ("redline", "生态保护红线面积", "不减少", "生态保护"),
    ("redline-system", "生态保护红线制度", "建立", "生态保护"),
    ("eco-compensation", "生态补偿机制", "建立", "生态制度"),
    ("asset-audit", "领导干部自然资源资产离任审计", "开展", "生态制度"),
    ("emission-permit", "排污许可制度", "全面实施", "生态制度"),
    ("biodiversity", "生物多样性调查", "开展", "生态保护"),
    ("fertiliser", "化肥使用量", "持续下降", "资源利用"),
    ("pesticide", "农药使用量", "持续下降", "资源利用"),
    ("env-education", "生态文明教育", "有效开展", "生态文化"),
    ("water-total", "年用水总量", "完成省下达指标", "资源利用"),
]


def make_region(rng, index):
    county = rng.chance(0.3)
    pool = COUNTY_NAMES if county else REGION_NAMES
    base = pool[index % len(pool)]
    cycle = index // len(pool)
    level = "县" if county else "市"
    name = base + ("" if cycle == 0 else chinese(cycle + 1)) + level
    prefix = level
    rid = "r%03d" % (index + 1)
    departments = []
    for did, short, full, kind, bare in DEPARTMENTS:
        aliases = [prefix + short]
        if bare:
            aliases.append(short)
        departments.append({"id": did, "short": short, "name": full.format(n=name), "kind": kind,
                            "aliases": aliases, "bare": bare})
    metrics = []
    observations = []
    for mid, mname, unit, direction, (lo, hi), _, _, _, style in METRICS:
        metrics.append((mid, mname, unit, direction))
        if style == "cum":
            value = "〔%.1f〕" % rng.uniform(lo, hi)
            observations.append((mid, 2020, value, "cumulative", "%s“十四五”规划 表1 %s 2020年完成值" % (name, mname), "表注：“〔〕为五年累计数”"))
            continue
        value = rng.uniform(lo, hi)
        step = (hi - lo) / 12.0 * (1 if direction == "higher" else -1)
        for year in range(2015, 2025):
            if rng.chance(0.25) and year not in (2015, 2020):
                continue
            v = min(100.0, max(0.1, value + step * (year - 2015) + rng.uniform(-1, 1) * abs(step)))
            observations.append((mid, year, "%.1f" % v, "annual", "%s生态环境状况公报(%d) %s" % (name, year, mname), ""))
        if rng.chance(0.3):
            observations.append((mid, 2020, "%.1f" % rng.uniform(lo, hi), "five-year-mean", "%s“十四五”规划 表2 %s" % (name, mname), "“十三五”均值"))
    return {"id": rid, "name": name, "level": level, "prefix": prefix, "departments": departments,
            "metrics": metrics, "observations": observations}


def csv_field(value):
    value = str(value)
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(csv_field(v) for v in row) + "\n")


def write_region(root, region):
    folder = os.path.join(root, "regions", region["id"])
    os.makedirs(folder)
    with open(os.path.join(folder, "region.yaml"), "w", encoding="utf-8") as f:
        f.write("name: %s\nlevel: %s\n" % (region["name"], region["level"]))
    write_csv(os.path.join(folder, "departments.csv"), ["id", "name", "kind", "aliases", "note"],
              [(d["id"], d["name"], d["kind"], ";".join(d["aliases"]), "") for d in region["departments"]])
    write_csv(os.path.join(folder, "metrics.csv"), ["id", "name", "unit", "direction", "note"],
              [(m[0], m[1], m[2], m[3], "") for m in region["metrics"]])
    write_csv(os.path.join(folder, "observations.csv"), ["metric", "year", "value", "basis", "source", "note"],
              region["observations"])


# --------------------------------------------------------------------------------------------
# Plans

CN_DIGITS = "零一二三四五六七八九"


def chinese(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


PLAN_KINDS = [
    ("生态文明建设行动计划", 5), ("生态环境保护“十四五”规划", 5), ("美丽城市建设推进方案", 2),
    ("污染防治攻坚战实施方案", 3), ("生态文明示范创建工作要点", 1), ("减污降碳协同增效实施方案", 4),
]
INTRO_CHAPTERS = ["总体要求", "发展基础与形势"]
CLOSING_SECTIONS = ["加强组织领导", "强化要素保障", "严格督查考核", "加强宣传引导", "推进全民行动", "健全资金投入机制"]


def annotation(rng, region, full_width):
    """(牵头单位:市A、B;责任单位:市C、D、E) with the level prefix on each list's first name."""
    depts = rng.sample(region["departments"], rng.between(2, 7))
    parts = []
    lead_n = rng.between(1, 2) if (len(depts) > 2 and rng.chance(0.6)) else 0
    lists = [("牵头单位", depts[:lead_n]), ("责任单位", depts[lead_n:])] if lead_n else [("责任单位", depts)]
    for key, members in lists:
        names = []
        carried = None   # the level prefix the resolver carries over (DepartmentResolver)
        for i, d in enumerate(members):
            if i == 0:
                # The first name carries the level prefix (or is the canonical name), so that
                # bare names after it resolve by carry-over.
                name = d["name"] if rng.chance(0.1) else region["prefix"] + d["short"]
            elif d["bare"] and rng.chance(0.5):
                name = d["short"]
            elif carried == region["prefix"]:
                name = d["short"]
            else:
                name = region["prefix"] + d["short"]
            # Follow the resolver's rule exactly (DepartmentResolver.levelPrefix): 市场监管局
            # starts with 市 but 市场 is a word, not the level prefix 市 + 场监管局.
            if len(name) > 1 and name[0] in "省市县区" and not name.startswith(NOT_PREFIXED):
                carried = name[0]
            names.append(name)
        colon = "：" if full_width else ":"
        parts.append(key + colon + "、".join(names))
    if full_width:
        return "（" + "；".join(parts) + "）"
    return "(" + ";".join(parts) + ")"


def paragraph(rng, material, n_sentences, mention=None):
    sentences = [rng.choice(material["sentences"]) for _ in range(n_sentences)]
    if mention:
        i = rng.below(len(sentences))
        sentences[i] = mention + sentences[i]
    return "".join(sentences)


def make_indicators(rng, plan, region):
    n_quant = rng.between(8, 20)
    n_qual = rng.between(1, 5)
    chosen = rng.sample(METRICS, n_quant)
    quals = rng.sample(QUALITATIVE, n_qual)
    start, end = plan["start"], plan["end"]
    mid = start + (end - start) // 2 if end - start >= 4 else None
    years = ([mid] if mid and mid != end else []) + [end]
    rows = []
    number = 0
    for mid_, mname, unit, direction, (lo, hi), variants, alias, domain, style in chosen:
        number += 1
        name = rng.choice(variants)
        base_year = start - 1
        base = rng.uniform(lo, hi)
        targets = {}
        for y in years:
            gain = (hi - lo) * (0.3 + 0.4 * (y - start) / max(1, end - start))
            if style == "cum":
                if rng.chance(0.5):
                    targets[y] = "〔%.1f〕" % rng.uniform(lo, hi)
                else:
                    targets[y] = "较%d年下降%.1f%%" % (base_year, rng.uniform(lo, hi))
            elif style == "min":
                t = min(100.0, base + gain)
                targets[y] = rng.choice(["≥%.0f", "达到%.0f%%以上", "%.0f%%以上", "不低于%.0f"]) % t
            else:
                t = max(1.0, base - gain)
                targets[y] = rng.choice(["≤%.0f", "控制在%.0f以内", "不高于%.0f", "%.0f以下"]) % t
        depts = rng.sample(region["departments"], rng.between(1, 3))
        dept_text = "、".join((region["prefix"] + d["short"]) + ("*" if i == 0 else "") for i, d in enumerate(depts))
        rows.append({
            "id": mid_, "number": str(number), "group": "", "domain": domain, "name": name,
            "aliases": alias if alias and alias != name else "", "unit": unit,
            "nature": rng.choice(["约束性", "预期性"]), "metric": mid_ if rng.chance(0.85) else "",
            "baseline_year": str(base_year) if style != "cum" else "",
            "baseline": ("%.1f" % base) if style != "cum" else "",
            "targets": targets, "departments": dept_text,
            "source": "表1 第%d行" % number, "note": "",
        })
    for qid, qname, target, domain in quals:
        number += 1
        depts = rng.sample(region["departments"], rng.between(1, 2))
        rows.append({
            "id": qid, "number": str(number), "group": "", "domain": domain, "name": qname, "aliases": "", "unit": "-",
            "nature": "约束性" if rng.chance(0.4) else "", "metric": "", "baseline_year": "", "baseline": "",
            "targets": {end: target}, "departments": "、".join(region["prefix"] + d["short"] for d in depts),
            "source": "表1 第%d行" % number, "note": "",
        })
    return rows, years


def write_indicators(path, rows, years):
    header = ["id", "number", "group", "domain", "name", "aliases", "unit", "nature", "metric", "baseline_year",
              "baseline"] + ["target_%d" % y for y in years] + ["departments", "source", "note"]
    out = []
    for r in rows:
        out.append([r["id"], r["number"], r["group"], r["domain"], r["name"], r["aliases"], r["unit"], r["nature"],
                    r["metric"], r["baseline_year"], r["baseline"]] + [r["targets"].get(y, "") for y in years]
                   + [r["departments"], r["source"], r["note"]])
    write_csv(path, header, out)


def make_plan(rng, index, region, material):
    kind, span = rng.choice(PLAN_KINDS)
    start = rng.between(2016, 2024 - span + 1)
    end = start + span - 1
    plan_id = "plan-%05d" % (index + 1)
    title = "%s%s(%d-%d)" % (region["name"], kind, start, end) if span > 1 else "%s%d年%s" % (region["name"], start, kind)
    plan = {"id": plan_id, "title": title, "start": start, "end": end, "region": region}
    indicators, years = make_indicators(rng, plan, region)
    plan["indicators"], plan["years"] = indicators, years

    restart = rng.chance(0.4)             # numbering restarts in every section
    heading_tasks = rng.chance(0.25)      # tasks written as #### 1. headings
    target_tasks = rng.between(104, 126)
    lines = []
    add = lines.append
    doc_no = "%s政发〔%d〕%d号" % (region["name"][0], start - 1, rng.between(1, 80))

    add(doc_no)
    add("")
    add("## %s人民政府关于印发%s的通知" % (region["name"], title))
    add("")
    add(paragraph(rng, material, 2))
    add("")
    add("## " + title)
    add("")
    add(paragraph(rng, material, 3))
    add("")

    units = []      # ids of tasks and task-less sections, for reports.csv
    tasks_done = 0
    chapter = 0
    task_no = 0

    # 一、总体要求: task-less sections (each is a unit of work).
    chapter += 1
    add("## %s、%s" % (chinese(chapter), rng.choice(INTRO_CHAPTERS)))
    add("")
    for s, heading in enumerate(["指导思想", "基本原则", "主要目标"], start=1):
        add("### (%s)%s" % (chinese(s), heading))
        add("")
        for _ in range(rng.between(1, 3)):
            add(paragraph(rng, material, rng.between(3, 6)))
            add("")
        units.append("c%d-s%d" % (chapter, s))

    # 二、… : chapters of sections of tasks.
    n_task_chapters = rng.between(3, 6)
    per_chapter = [target_tasks // n_task_chapters + (1 if i < target_tasks % n_task_chapters else 0) for i in range(n_task_chapters)]
    box = 0
    for tasks_in_chapter in per_chapter:
        chapter += 1
        add("## %s、%s" % (chinese(chapter), rng.choice(material["chapters"])))
        add("")
        add(paragraph(rng, material, rng.between(1, 2)))
        add("")
        n_sections = max(1, min(9, tasks_in_chapter // rng.between(4, 6)))
        per_section = [tasks_in_chapter // n_sections + (1 if i < tasks_in_chapter % n_sections else 0) for i in range(n_sections)]
        for s, tasks_in_section in enumerate(per_section, start=1):
            add("### (%s)%s" % (chinese(s), rng.choice(material["sections"])))
            add("")
            if rng.chance(0.5):
                add(paragraph(rng, material, rng.between(1, 2)))
                add("")
            section_wide = rng.chance(0.2)    # one closing annotation for the whole section
            if restart:
                task_no = 0
            for _ in range(tasks_in_section):
                task_no += 1
                tasks_done += 1
                units.append("c%d-s%d-t%d" % (chapter, s, task_no))
                task_title = rng.choice(material["titles"])
                mention = None
                if rng.chance(0.04) and indicators:
                    ind = rng.choice(indicators)
                    mention = "[%s](indicator:%s)" % (ind["name"], ind["id"])
                elif rng.chance(0.35) and indicators:
                    ind = rng.choice(indicators)
                    mention = "到%d年,%s%s。" % (plan["end"], ind["name"], ind["targets"].get(plan["end"], "") or "持续改善")
                note = "" if section_wide or rng.chance(0.1) else annotation(rng, region, rng.chance(0.3))
                if heading_tasks:
                    add("#### %d. %s" % (task_no, task_title))
                    add("")
                    n_par = rng.between(1, 2)
                    for p in range(n_par):
                        text = paragraph(rng, material, rng.between(3, 5), mention if p == 0 else None)
                        add(text + (note if p == n_par - 1 else ""))
                        add("")
                else:
                    sep = rng.choice([".", ".", ".", "．", "、"])
                    body = paragraph(rng, material, rng.between(3, 6), mention)
                    add("%d%s%s。%s%s" % (task_no, sep, task_title, body, note))
                    add("")
                    if rng.chance(0.1):
                        add(paragraph(rng, material, rng.between(1, 3)))
                        add("")
            if section_wide:
                add(annotation(rng, region, rng.chance(0.5)))
                add("")
            if rng.chance(0.08):
                box += 1
                add("> **专栏%d %s**" % (box, rng.choice(material["titles"])))
                add(">")
                for k in range(1, rng.between(3, 5) + 1):
                    add("> %d.%s" % (k, rng.choice(material["sentences"])))
                    add(">")
                lines.pop()
                add("")

    # 保障措施: task-less sections with their own annotations.
    chapter += 1
    add("## %s、保障措施" % chinese(chapter))
    add("")
    for s, heading in enumerate(rng.sample(CLOSING_SECTIONS, rng.between(3, 5)), start=1):
        add("### (%s)%s" % (chinese(s), heading))
        add("")
        add(paragraph(rng, material, rng.between(3, 6)) + annotation(rng, region, rng.chance(0.5)))
        add("")
        units.append("c%d-s%d" % (chapter, s))

    # Attachment: an unnumbered heading ends the structure; a task table follows.
    add("## 附件 重点工作任务清单")
    add("")
    add("| 序号 | 重点任务 | 责任单位 |")
    add("| --- | --- | --- |")
    for k in range(1, rng.between(6, 14) + 1):
        d = rng.choice(region["departments"])
        add("| %d | %s | %s |" % (k, rng.choice(material["titles"]), region["prefix"] + d["short"]))
    add("")
    add("抄送：%s委各部门，%s人大常委会办公室，%s政协办公室。" % (region["prefix"], region["prefix"], region["prefix"]))
    add("")
    add("%s人民政府办公室 %d年%d月%d日印发" % (region["name"], start - 1, rng.between(1, 12), rng.between(1, 28)))
    body = "\n".join(lines) + "\n"

    front = [
        "---",
        "title: " + json.dumps(title, ensure_ascii=False),
        "doc_number: " + doc_no,
        "issuer: " + region["name"] + "人民政府",
        "issue_date: %d-%02d-%02d" % (start - 1, rng.between(1, 12), rng.between(1, 28)),
        "period: %d-%d" % (start, end) if end > start else "period: %d" % start,
        "region: " + region["id"],
        "source: " + json.dumps("https://www.example.gov.cn/%s/%s.html" % (region["id"], plan_id)),
        "source_note: " + json.dumps("合成基准语料(plansite bench)，文字取自 Content/ 中的真实规划", ensure_ascii=False),
    ]
    if rng.chance(0.3):
        front += ["notes:", "  - " + json.dumps("第%d条原文有缺字，按原文保留。" % rng.between(1, 20), ensure_ascii=False)]
    front.append("---")
    plan["markdown"] = "\n".join(front) + "\n\n" + body
    plan["units"] = units
    plan["tasks"] = tasks_done
    plan["body_bytes"] = len(body.encode())
    return plan


def write_plan(root, plan, rng):
    folder = os.path.join(root, "plans", plan["id"])
    os.makedirs(folder)
    with open(os.path.join(folder, "plan.md"), "w", encoding="utf-8") as f:
        f.write(plan["markdown"])
    write_indicators(os.path.join(folder, "indicators.csv"), plan["indicators"], plan["years"])
    if rng.chance(0.3):
        rows = []
        for unit in rng.sample(plan["units"], rng.between(3, 15)):
            rows.append((unit, str(plan["end"] - 1), rng.choice(["done", "in-progress", "not-started", "delayed"]),
                         "", "%s %d年工作总结" % (plan["region"]["name"], plan["end"] - 1)))
        rows.sort()
        write_csv(os.path.join(folder, "reports.csv"), ["task", "period", "status", "note", "source"], rows)


def generate(n_plans, out, seed, source, n_regions=None):
    material, material_hash = load_material(source)
    if n_regions is None:
        n_regions = max(10, min(400, round(n_plans / 25)))
    tmp = out + ".tmp"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(os.path.join(tmp, "plans"))
    os.makedirs(os.path.join(tmp, "regions"))
    with open(os.path.join(tmp, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: 规划公开基准站点\norganisation: plansite 基准语料\ndata_as_of: 2024-12-31\nlanguage: zh-CN\n")
    root_rng = SplitMix64(seed)
    regions = []
    for r in range(n_regions):
        region = make_region(root_rng.fork("region", r), r)
        write_region(tmp, region)
        regions.append(region)
    tasks = 0
    body_bytes = 0
    md_bytes = 0
    for p in range(n_plans):
        rng = root_rng.fork("plan", p)
        region = regions[rng.below(n_regions)]
        plan = make_plan(rng, p, region, material)
        write_plan(tmp, plan, rng)
        tasks += plan["tasks"]
        body_bytes += plan["body_bytes"]
        md_bytes += len(plan["markdown"].encode())
    manifest = {
        "generator_version": GENERATOR_VERSION, "seed": seed, "plans": n_plans, "regions": n_regions,
        "tasks": tasks, "markdown_bytes": md_bytes, "body_bytes": body_bytes, "material": material_hash,
        "sentences": len(material["sentences"]), "titles": len(material["titles"]),
    }
    with open(os.path.join(tmp, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.rename(tmp, out)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--regions", type=int, default=None, help="default: plans/25, between 10 and 400")
    ap.add_argument("--source", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content"))
    args = ap.parse_args()
    m = generate(args.plans, args.out, args.seed, args.source, args.regions)
    print("%s: %d plans, %d regions, %d tasks (%.1f per plan), %.1f MB Markdown (%.1f KB per plan)" % (
        args.out, m["plans"], m["regions"], m["tasks"], m["tasks"] / m["plans"], m["markdown_bytes"] / 1e6,
        m["markdown_bytes"] / 1e3 / m["plans"]))


if __name__ == "__main__":
    main()
