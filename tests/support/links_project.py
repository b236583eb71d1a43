"""A small site whose pages use every link form, for the links stage's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.mini_project import make_mini_project, write
from tests.support.project import ROOT

LSTM = """\
---
title: LSTM 데모 노트
description: 위키 링크, 번호 붙은 식과 그림, 인용을 시험하는 데모 노트입니다.
aliases:
  - 장단기 메모리
  - Long Short-Term Memory
---
# LSTM 데모 노트

## 셀 상태 경로

셀 상태는 다음처럼 갱신됩니다.

$$
c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t
$$ {#eq:lstm-cell}

번호 없는 식도 있습니다.

$$
h_t = o_t \\odot \\tanh(c_t)
$$

$$ \\frac{\\partial c_t}{\\partial c_{t-1}} = \\operatorname{diag}(f_t) $$ {#eq:grad}

@eq:grad 에서 보듯 forget gate만 곱해집니다. 셀 상태의 정의는 @eq:lstm-cell 입니다.
모양은 @fig:wave 와 같습니다[^1].

![사인 곡선 그림](snippet:demo/wave.py "공유 모듈을 쓰는 그림"){#fig:wave}

![정규 분포 히스토그램](snippet:demo/normal.py){#fig:normal}

폭주는 클리핑으로 막습니다[@pascanu2013]. 처음 제안은 [@hochreiter1997, p. 3; @gers2000]
입니다. 같은 글을 다시 인용해도 번호는 같습니다[@pascanu2013].

코드 안의 `[[코드 안]]` 과 `@eq:none` 은 그대로 둡니다.

[^1]: 각주는 Material의 툴팁으로도 보입니다.
"""

RNN = """\
---
title: RNN 데모
description: 다른 페이지를 위키 링크로 가리키는 데모 노트입니다.
---
# RNN 데모

## 링크 모음

파일 이름으로 [[lstm-demo]] 를 가리킵니다. 제목으로는 [[LSTM 데모 노트]] 입니다.

별칭은 [[장단기 메모리]] 와 [[long short-term memory]] 입니다.

제목 링크 [[lstm-demo#셀 상태 경로]] 와 표시 글 [[lstm-demo|표시할 글]] 이 있습니다.

다른 페이지의 식 [[lstm-demo#eq:grad]] 도 가리킵니다. 같은 페이지 제목 [[#링크 모음]].

아직 없는 [[?미래 페이지]] 는 링크 현황에 나옵니다. 수식 $h_t$ 가 들어간 문장에서
[[lstm-demo|LSTM]] 을 다시 가리킵니다.
"""

ORPHAN = """\
---
title: 외톨이 노트
description: 아무 페이지도 가리키지 않는 외톨이 노트입니다.
---
# 외톨이 노트

이 노트는 [일반 링크](lstm-demo.md) 로 LSTM 데모를 가리키지만 아무도 이 노트를 가리키지 않습니다.
"""

BROKEN = """\
---
title: 잘못된 링크
description: 틀린 링크마다 빌드가 파일과 줄을 알려 주는지 보는 페이지입니다.
---
# 잘못된 링크

없는 페이지 [[없는 페이지]] 입니다.

애매한 이름 [[데모]] 입니다.

없는 제목 [[lstm-demo#없는 제목]] 입니다.

없는 라벨 @eq:nowhere 입니다.

없는 인용 [@nobody2020] 입니다.

없는 그림 @fig:nowhere 입니다.

$$ a = b $$ {#eq:twice}

$$ b = c $$ {#eq:twice}
"""

AMBIGUOUS = """\
---
title: 데모 둘
description: 별칭이 다른 페이지와 겹치는 페이지입니다, 애매한 링크를 만듭니다.
aliases: [데모]
---
# 데모 둘

내용.
"""

AMBIGUOUS_2 = AMBIGUOUS.replace("데모 둘", "데모 셋")


def make_links_project(destination: Path, *, broken: bool = False) -> Path:
    make_mini_project(destination)
    shutil.copy2(ROOT / "references.bib", destination / "references.bib")
    docs = destination / "docs"
    write(docs / "topics" / "lstm-demo.md", LSTM)
    write(docs / "topics" / "rnn-demo.md", RNN)
    write(docs / "topics" / "orphan-demo.md", ORPHAN)
    if broken:
        write(docs / "topics" / "broken.md", BROKEN)
        write(docs / "topics" / "demo-two.md", AMBIGUOUS)
        write(docs / "topics" / "demo-three.md", AMBIGUOUS_2)
    return destination
