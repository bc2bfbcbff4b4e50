"""Each family of number expressions fixed for issue 14, on sentence pairs written for this
test: the correct rendering gets no finding, a wrong one gets the right rule."""

import pytest

from auditor.checks.base import CheckContext
from auditor.checks.numbers import CHECKER
from auditor.model import Loc, Segment


def rules(en: str, zh: str, locale: str = "zh-TW") -> list[str]:
    seg = Segment("s", en, zh, Loc("t", 1, 1), Loc("t", 2, 2))
    return [f.rule for f in CHECKER.segment(seg, CheckContext(target_locale=locale))]


CORRECT = [
    # signs and negatives
    ("Operating margin was negative 5% in the quarter.", "本季營業利益率為負 5%。", "zh-TW"),
    ("Operating margin was -2.5%.", "營業利益率為 -2.5%。", "zh-TW"),
    ("Revenue fell 5% from a year ago.", "營收較去年同期減少 5%。", "zh-TW"),
    ("The temperature dropped to minus 5 degrees.", "气温降至零下5度。", "zh-CN"),
    # a sign written on one side and said with a word of decrease on the other
    ("Exports grew -21.2% year over year.", "出口年減 21.2%。", "zh-TW"),
    ("Revenue fell 5%.", "營收成長率為負 5%。", "zh-TW"),
    # data-rate shorthand
    ("We ship 400G and 800G optics today.", "我們目前出貨 400G 與 800G 光學模組。", "zh-TW"),
    ("The 200-gig lanes double the bandwidth.", "200 Gb/s 的通道使頻寬倍增。", "zh-TW"),
    # one unit shared by coordinated numbers
    (
        "Revenue was $33 and $35 million in Q1 and Q2.",
        "第一季和第二季營收分別為 3,300 萬美元和 3,500 萬美元。",
        "zh-TW",
    ),
    ("We build chips at 7 and 5 nanometers.", "我們以 7 奈米和 5 奈米製程生產晶片。", "zh-TW"),
    # years, decades, 年度
    ("These rules date from the 1980s.", "這些規則可追溯到 80 年代。", "zh-TW"),
    ("Fiscal 2024 results beat our plan.", "2024 年度業績超出了我們的計畫。", "zh-TW"),
    ("Both parties accepted the 1992 consensus.", "雙方都接受九二共識。", "zh-TW"),
    # vague and approximate amounts
    ("It took decades to build the industry.", "建立這個產業花了數十年。", "zh-TW"),
    (
        "A tower needs half a million to a million parts.",
        "一座大樓需要 50 萬至上百萬個零件。",
        "zh-TW",
    ),
    ("Some of the ice is thousands of years old.", "有些冰已有幾千年的歷史。", "zh-TW"),
    ("The fund has over 5 million members.", "该基金有 500 余万名会员。", "zh-CN"),
    # scale words with no digit before them
    ("Two black holes collided a billion years ago.", "十億年前，兩個黑洞相撞。", "zh-TW"),
    ("A delegation of 100 people visited the fab.", "百人代表團參觀了晶圓廠。", "zh-TW"),
    ("We sold two and a half million units.", "我們賣出了 250 萬台。", "zh-TW"),
    # ordinary words that look like numbers or units
    ("The US market grew again.", "美國市場再次成長。", "zh-TW"),
    ("That is one of the key points of view.", "這是關鍵觀點之一。", "zh-TW"),
    ("The index rose 1.2% to 3,285 points.", "该指数上涨1.2%,至3285点。", "zh-CN"),
    ("Children under 12 are free.", "12岁以下儿童免费。", "zh-CN"),
    # currencies by locale
    ("Funds managed about 26 trillion yuan.", "基金管理规模约 26 万亿元。", "zh-CN"),
    ("The plant cost S$200 million.", "該廠耗資 2 億新元。", "zh-TW"),
    ("The deal is worth HK$5 billion.", "這筆交易價值 50 億港元。", "zh-TW"),
    ("Revenue was NT$3 billion.", "營收為 NT$30 億。", "zh-TW"),
    # ordinals, dates and durations
    ("This is our fifth fab in Asia.", "這是我們在亞洲的第五座晶圓廠。", "zh-TW"),
    ("The report came out on May 20.", "報告於 5 月 20 日發布。", "zh-TW"),
    ("Shipments started this year.", "出貨於 2024 年開始。", "zh-TW"),
    ("They overthrew a 2,500-year-old monarchy.", "他們推翻了 2500 年的君主制。", "zh-TW"),
    ("We're a 30-year-old company.", "我們是一家成立 30 年的公司。", "zh-TW"),
    # identifiers and lists
    ("Objects move in 3-D space.", "物體在三維空間中移動。", "zh-TW"),
    ("Read the entry [1,1] of the matrix.", "讀取矩陣的 [1,1] 元素。", "zh-TW"),
    ("Cases of COVID-19 fell.", "COVID-19 病例減少。", "zh-TW"),
    ("The firmware is version 2.1.3.", "韌體版本為 2.1.3。", "zh-TW"),
    # fractions
    ("About 2/3 of revenue is recurring.", "約三分之二的營收是經常性收入。", "zh-TW"),
    ("Two-thirds of the wafers go to AI.", "三分之二的晶圓用於 AI。", "zh-TW"),
    # plural magnitudes alone; "US" before dollars is the country
    (
        "Those stars are millions or even billions of times heavier.",
        "那些恒星重几百万倍甚至几十亿倍。",
        "zh-CN",
    ),
    ("Exports were 31.51 billion US dollars.", "出口额为 315.1 亿美元。", "zh-CN"),
    # digit counts, "over N years", "a penny", "threefold", "plus or minus"
    (
        "We expect mid-single-digit growth in the second half.",
        "我們預計下半年將有中個位數成長。",
        "zh-TW",
    ),
    ("We have been in this business for over 30 years.", "我们从事这项业务已有 30 多年。", "zh-CN"),
    (
        "EPS came in at $1.23, a penny above guidance.",
        "每股盈餘為 1.23 美元,比指引高出 1 美分。",
        "zh-TW",
    ),
    ("Revenue grew threefold over three years.", "營收在三年內成長了三倍。", "zh-TW"),
    (
        "Gross margin guidance is 44% plus or minus 50 basis points.",
        "毛利率指引為 44%,上下浮動 50 個基點。",
        "zh-TW",
    ),
    (
        "Hold the chamber at 25 °C plus or minus 0.5 °C.",
        "腔體溫度須維持在 25 °C 正負 0.5 °C。",
        "zh-TW",
    ),
    # "one point" after a percentage is a percentage point; "a quick one" is a pronoun
    (
        "We guide gross margin to 52% plus or minus one point.",
        "我們預估毛利率為 52%,上下浮動一個百分點。",
        "zh-TW",
    ),
    (
        "Operating margin rose to 31%, up one point from last year.",
        "营业利润率升至 31%,比去年提高一个百分点。",
        "zh-CN",
    ),
    ("And a quick one on inventory, if I may.", "另外想簡單問一下庫存。", "zh-TW"),
    # a multiplier verb in any inflection ↔ 增加一倍 / 成長兩倍
    ("The new fab doubles our wafer capacity.", "新晶圓廠使我們的晶圓產能增加一倍。", "zh-TW"),
    ("Demand triples when the platform ramps.", "平台量產爬坡時,需求增加兩倍。", "zh-TW"),
    # a figure in bits without "per second" is the trade's shorthand for a rate, both sides
    ("Customers are moving to 51.2-terabit fabrics.", "客戶正轉向 51.2 Tb 交換架構。", "zh-TW"),
    ("The 102.4 Tbps switch samples now.", "該 102.4 Tb 交換器現已送樣。", "zh-TW"),
    # a year after a fiscal period is the fiscal year
    (
        "Welcome to our fiscal second-quarter 2026 earnings call.",
        "歡迎參加我們 2026 財年第二季財報電話會議。",
        "zh-TW",
    ),
    (
        "Results for the fiscal Q3 2025 period were restated.",
        "2025 财年第三季度的业绩已重述。",
        "zh-CN",
    ),
    ("The offset is within plus or minus 2 millivolts.", "偏移量在正负 2 毫伏以内。", "zh-CN"),
    # compact periods carry their year; months abbreviated
    ("Revenue in 4Q24 was a record.", "2024 年第四季營收創下新高。", "zh-TW"),
    ("We expect a recovery in 1H25.", "我們預計 2025 年上半年將復甦。", "zh-TW"),
    ("The company reported results on Feb. 26.", "該公司於 2 月 26 日公布業績。", "zh-TW"),
    ("Revenue grew 20% year over year.", "營收較 2024 年同期成長 20%。", "zh-TW"),
    # a vague amount rendered as an explicit range; digit counts; 50-50 is an idiom
    ("Growth will be in the high teens.", "成長率將在 15% 至 19% 之間。", "zh-TW"),
    ("We expect double-digit growth next year.", "我們預計明年將有兩位數成長。", "zh-TW"),
    ("The split is roughly 50-50 between the two.", "兩者大約各佔一半。", "zh-TW"),
    # "one" rendered by 一 in any word, by 單 before a counter, by 第一 or 逐一
    ("We set a record in one quarter.", "我們在單季創下紀錄。", "zh-TW"),
    ("That was one big reason for the beat.", "這是業績超預期的一大原因。", "zh-TW"),
    ("We're number one in the market.", "我們在市場上排名第一。", "zh-TW"),
    ("Let me take those one at a time.", "讓我逐一回答這些問題。", "zh-TW"),
    # tenths written with 成
    ("About 70% of the chips go to data centers.", "约七成芯片流向数据中心。", "zh-CN"),
    ("Sales rose 20% from a year earlier.", "销售额同比增长两成。", "zh-CN"),
    # areas and power
    ("The die is 800 mm².", "晶粒面積為 800 平方毫米。", "zh-TW"),
    ("The cluster needs 1 GW of power.", "該叢集需要 1 GW 的電力。", "zh-TW"),
    # a wafer's named size: 300 mm is 12 inches
    ("We have two 300mm fabs in Arizona.", "我們在亞利桑那州有兩座 12 吋晶圓廠。", "zh-TW"),
]


@pytest.mark.parametrize(("en", "zh", "locale"), CORRECT, ids=[c[0][:40] for c in CORRECT])
def test_correct_renderings_get_no_finding(en: str, zh: str, locale: str) -> None:
    assert rules(en, zh, locale) == []


WRONG = [
    ("Operating margin was negative 5% in the quarter.", "本季營業利益率為 5%。", "NUM003"),
    ("The temperature dropped to 5 degrees.", "气温降至零下5度。", "NUM003"),
    ("Revenue grew -5%.", "營收成長 5%。", "NUM003"),
    ("About 2/3 of revenue is recurring.", "約三分之一的營收是經常性收入。", "NUM001"),
    ("Our SerDes runs at 56 gig per lane.", "我們的 SerDes 每通道為 56 GB。", "UNIT001"),
    ("Each port delivers 1.6 terabits per second.", "每個連接埠可提供 1.6 TB 的速度。", "UNIT001"),
    (
        "We guide gross margin to 52% plus or minus one point.",
        "我們預估毛利率為 52%,上下浮動兩個百分點。",
        "NUM003",
    ),
    (
        "Revenue was $33 and $35 million in Q1 and Q2.",
        "第一季和第二季營收分別為 33 美元和 3,500 萬美元。",
        "NUM003",
    ),
    ("These rules date from the 1980s.", "這些規則可追溯到 90 年代。", "NUM004"),
    ("The plant cost S$200 million.", "該廠耗資 2 億美元。", "UNIT003"),
    ("The 100th delegation visited the fab.", "百人代表團參觀了晶圓廠。", "NUM001"),
    ("(Reuters, 11 days)", "（路透 11 日電）", "NUM001"),
    ("Shipments started in March.", "出貨於 2024 年 3 月開始。", "NUM002"),
    ("We sold two and a half million units.", "我們賣出了 25 萬台。", "NUM003"),
    # a year is no rounded number: 1990.3 is not the year 1990
    ("Unification came in October 1990.3 Reform followed.", "统一发生于 1990 年 10 月。", "NUM001"),
    (
        "EPS came in at $1.23, a penny above guidance.",
        "每股盈餘為 1.23 美元,比指引高出 5 美分。",
        "NUM002",
    ),
    ("Revenue in 4Q24 was a record.", "2023 年第四季營收創下新高。", "NUM004"),
    ("We have two 300mm fabs in Arizona.", "我們在亞利桑那州有兩座 8 吋晶圓廠。", "NUM003"),
    ("Growth will be in the high teens.", "成長率將在 15% 至 50% 之間。", "NUM002"),
    ("Sales rose 20% from a year earlier.", "销售额同比增长三成。", "NUM003"),
    ("The die is 800 mm².", "晶粒面積為 800 毫米。", "UNIT002"),
    # the number kept, the unit of time replaced
    ("Lead times are 12 to 16 weeks.", "交期為 12 至 16 個月。", "UNIT002"),
    # "year over year" may become an explicit year, never an explicit day
    ("(Reuters) Sales rose 8% year over year.", "（路透 2 月 11 日電）銷售額年增 8%。", "NUM002"),
]


@pytest.mark.parametrize(("en", "zh", "rule"), WRONG, ids=[w[0][:40] for w in WRONG])
def test_wrong_renderings_are_found(en: str, zh: str, rule: str) -> None:
    assert rule in rules(en, zh)
