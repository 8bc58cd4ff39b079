"""Realistic Japanese data every area draws from: places, names, buildings, phone numbers.

Every postal code below is real and matches its prefecture, city and town (checked against
Japan Post's KEN_ALL data). Everything is drawn from a caller-supplied ``random.Random``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from attrs import frozen

__all__ = [
    "GIVEN_NAMES",
    "POSTAL_AREAS",
    "SURNAMES",
    "PostalArea",
    "pick",
    "random_block",
    "random_building",
    "random_mobile_tail",
]

T = TypeVar("T")


@frozen
class PostalArea:
    """One real Japanese postal code and the place it belongs to."""

    postal_code: str
    prefecture: str
    prefecture_iso: str
    city: str
    town: str


POSTAL_AREAS: tuple[PostalArea, ...] = (
    PostalArea("100-0005", "東京都", "JP-13", "千代田区", "丸の内"),
    PostalArea("150-0002", "東京都", "JP-13", "渋谷区", "渋谷"),
    PostalArea("160-0022", "東京都", "JP-13", "新宿区", "新宿"),
    PostalArea("530-0001", "大阪府", "JP-27", "大阪市北区", "梅田"),
    PostalArea("460-0008", "愛知県", "JP-23", "名古屋市中区", "栄"),
    PostalArea("060-0001", "北海道", "JP-01", "札幌市中央区", "北一条西"),
    PostalArea("980-0021", "宮城県", "JP-04", "仙台市青葉区", "中央"),
    PostalArea("812-0012", "福岡県", "JP-40", "福岡市博多区", "博多駅中央街"),
    PostalArea("600-8216", "京都府", "JP-26", "京都市下京区", "東塩小路町"),
    PostalArea("220-0011", "神奈川県", "JP-14", "横浜市西区", "高島"),
    PostalArea("650-0021", "兵庫県", "JP-28", "神戸市中央区", "三宮町"),
    PostalArea("730-0011", "広島県", "JP-34", "広島市中区", "基町"),
    PostalArea("900-0015", "沖縄県", "JP-47", "那覇市", "久茂地"),
    PostalArea("330-0854", "埼玉県", "JP-11", "さいたま市大宮区", "桜木町"),
    PostalArea("260-0028", "千葉県", "JP-12", "千葉市中央区", "新町"),
    PostalArea("950-0087", "新潟県", "JP-15", "新潟市中央区", "東大通"),
    PostalArea("420-0851", "静岡県", "JP-22", "静岡市葵区", "黒金町"),
    PostalArea("760-0019", "香川県", "JP-37", "高松市", "サンポート"),
    PostalArea("860-0047", "熊本県", "JP-43", "熊本市西区", "春日"),
    PostalArea("380-0823", "長野県", "JP-20", "長野市", "南千歳"),
)

#: (kanji, katakana) family names.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
)

#: (kanji or kana, katakana) given names.
GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("翔太", "ショウタ"),
    ("美咲", "ミサキ"),
    ("陽菜", "ヒナ"),
    ("大輔", "ダイスケ"),
    ("結衣", "ユイ"),
    ("健一", "ケンイチ"),
    ("さくら", "サクラ"),
    ("蓮", "レン"),
    ("葵", "アオイ"),
    ("拓也", "タクヤ"),
)

_BUILDINGS: tuple[str, ...] = (
    "メゾン桜",
    "サンハイツ",
    "グランパレス",
    "コーポ若葉",
    "パークサイド",
    "リバーサイドタワー",
)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One item, uniformly."""
    return items[rng.randrange(len(items))]


def random_block(rng: random.Random) -> str:
    """A 丁目-番地-号 triple such as ``1-2-3``."""
    return f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"


def random_building(rng: random.Random) -> str:
    """A building and room (``メゾン桜 405号室``), or empty for a detached house."""
    if rng.random() < 0.4:
        return ""
    return f"{pick(rng, _BUILDINGS)} {rng.randint(1, 12)}0{rng.randint(1, 9)}号室"


def random_mobile_tail(rng: random.Random) -> tuple[str, str]:
    """The carrier prefix (``90``) and last four digits of a Japanese mobile number."""
    return pick(rng, ("90", "80", "70")), f"{rng.randrange(10000):04d}"
