# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # LSTM 기울기 실험실
#
# 이 노트북은 편집자가 만든 실습입니다(팀의 원래 노트에는 없던 내용입니다). numpy로 쓴
# LSTM을 직접 돌려 보면서, 마지막 시점의 손실이 몇 단계 앞의 은닉 상태까지 기울기를
# 전달하는지 재 봅니다.
#
# **numpy와 matplotlib만 있으면 됩니다.** 이 페이지의 `.ipynb`를 내려받아 빈 폴더에서
# 열어도 그대로 돌아갑니다. LSTM의 식은 위키의 `snippets/nn/lstm.py`와 같고, 위키의
# 테스트가 두 코드의 결과가 같은지 확인합니다. 그림의 라벨은 한글 글꼴이 있으면 한국어,
# 없으면 영어로 나옵니다(빈 네모가 생기지 않도록).
#
# 1. 한글 글꼴 찾기
# 2. numpy LSTM: 순전파와 시간 역전파(BPTT)
# 3. 연구 노트와 같은 조건(같은 규칙의 가중치, 예열)에서 망각 게이트 편향 $b_f$ 비교
# 4. 셀 상태의 컨베이어 간선 $c_{t-1} \to c_t$ 를 끊어 보기
# 5. 순환 가중치가 크면: $r = 4$
# 6. 유한 차분으로 검산

# %% [markdown]
# ## 1. 한글 글꼴 찾기

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

KOREAN_FONTS = (
    "Pretendard",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "Malgun Gothic",
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
)


def korean_font():
    """The first font in KOREAN_FONTS that matplotlib knows and that has Hangul, or None."""
    known = {}
    for entry in font_manager.fontManager.ttflist:
        known.setdefault(entry.name, entry.fname)
    for name in KOREAN_FONTS:
        if name not in known:
            continue
        try:
            if ord("가") in FT2Font(known[name]).get_charmap():
                return name
        except (OSError, RuntimeError):
            continue
    return None


FONT = korean_font()
if FONT:
    plt.rcParams["font.family"] = [FONT, "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False


def label(korean, english):
    """Korean text when a font can draw it, otherwise English (DejaVu Sans has no Hangul)."""
    return korean if FONT else english


print("figure font:", FONT or "DejaVu Sans (no Hangul font found: English labels)")

# %% [markdown]
# ## 2. numpy LSTM
#
# 네 게이트를 옆으로 붙여 한 번에 계산합니다. 열의 순서는 $f, i, o, \tilde{c}$ 이고,
# 예를 들어 `W_h[:, :H]` 가 연구 노트의 $W_{hf}$ 입니다.
#
# $$
# f_t = \sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f),\ \dots,\
# c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t,\ h_t = o_t \odot \tanh(c_t)
# $$
#
# `backward`는 마지막 시점의 $\partial L/\partial h_T$ 만 받아 모든 $t$ 의
# $\partial L/\partial h_t$, $\partial L/\partial c_t$ 와 가중치의 기울기를 돌려줍니다.
# `cell_path=False`이면 컨베이어 간선 $c_{t-1} \to c_t$ 로 가는 기울기를 버립니다.


# %%
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def orthogonal(rng, n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def init(rng, D, H, forget_bias=1.0, radius=1.0):
    """W_x ~ N(0, 1/D); each gate's W_h is orthogonal × radius; b_f = forget_bias."""
    W_x = rng.standard_normal((D, 4 * H)) / np.sqrt(D)
    W_h = np.concatenate([orthogonal(rng, H) * radius for _ in range(4)], axis=1)
    b = np.zeros(4 * H)
    b[:H] = forget_bias
    return {"W_x": W_x, "W_h": W_h, "b": b}


def forward(p, xs, h0, c0):
    """xs (T, B, D) -> hs, cs (T+1, B, H) and the gates (T, B, 4H)."""
    T, H = xs.shape[0], h0.shape[-1]
    hs, cs = np.empty((T + 1, *h0.shape)), np.empty((T + 1, *c0.shape))
    hs[0], cs[0] = h0, c0
    gates = np.empty((T, *h0.shape[:-1], 4 * H))
    drive = xs @ p["W_x"] + p["b"]
    for t in range(1, T + 1):
        a = drive[t - 1] + hs[t - 1] @ p["W_h"]
        gates[t - 1, ..., : 3 * H] = sigmoid(a[..., : 3 * H])
        gates[t - 1, ..., 3 * H :] = np.tanh(a[..., 3 * H :])
        f, i, o, g = np.split(gates[t - 1], 4, axis=-1)
        cs[t] = f * cs[t - 1] + i * g
        hs[t] = o * np.tanh(cs[t])
    return {"xs": xs, "hs": hs, "cs": cs, "gates": gates}


def backward(p, cache, dh_T, cell_path=True):
    """BPTT for the loss L = Σ dh_T ⊙ h_T."""
    xs, hs, cs, gates = cache["xs"], cache["hs"], cache["cs"], cache["gates"]
    T = xs.shape[0]
    dh, dc = np.zeros_like(hs), np.zeros_like(cs)
    dh[T] = dh_T
    da = np.empty_like(gates)
    tanh_c = np.tanh(cs)
    for t in range(T, 0, -1):
        f, i, o, g = np.split(gates[t - 1], 4, axis=-1)
        dc[t] += dh[t] * o * (1.0 - tanh_c[t] ** 2)
        da[t - 1] = np.concatenate(
            [
                dc[t] * cs[t - 1] * f * (1 - f),
                dc[t] * g * i * (1 - i),
                dh[t] * tanh_c[t] * o * (1 - o),
                dc[t] * i * (1 - g**2),
            ],
            axis=-1,
        )
        dh[t - 1] += da[t - 1] @ p["W_h"].T
        if cell_path:
            dc[t - 1] += f * dc[t]
    grads = {
        "W_x": np.einsum("tbd,tbg->dg", xs, da),
        "W_h": np.einsum("tbh,tbg->hg", hs[:-1], da),
        "b": da.sum(axis=(0, 1)),
    }
    return {"dh": dh, "dc": dc, "grads": grads}


# %% [markdown]
# ## 3. 망각 게이트 편향 $b_f$ 비교
#
# 연구 노트의 "실험의 공통 조건"과 같게 둡니다. 상태를 0에서 시작해
# `WARMUP` 단계를 먼저 돌리고, 그 뒤 `K` 단계에서 잽니다. 손실은 마지막 시점에만 있습니다.
# 시드 세 개의 결과를 모두 그립니다.

# %%
WARMUP, K, D, H, B = 100, 60, 8, 16, 8
SEEDS = (0, 1, 2)


def norms_by_lag(seed, forget_bias, radius=1.0, cell_path=True, lags=K):
    """‖∂L/∂h_{T-k}‖ / ‖∂L/∂h_T‖ for k = 0..lags (batch mean)."""
    rng = np.random.default_rng(seed)
    p = init(rng, D, H, forget_bias, radius)
    xs = rng.standard_normal((WARMUP + lags, B, D))
    zeros = np.zeros((B, H))
    cache = forward(p, xs, zeros, zeros)
    v = rng.standard_normal((B, H))
    dh = backward(p, cache, v, cell_path)["dh"]
    norms = np.linalg.norm(dh, axis=-1).mean(axis=-1)[::-1][: lags + 1]
    return norms / norms[0]


k = np.arange(K + 1)
fig, ax = plt.subplots(figsize=(7, 3.8))
for bias, colour in ((0.0, "#D55E00"), (1.0, "#56B4E9"), (3.0, "#0072B2")):
    curves = [norms_by_lag(seed, bias) for seed in SEEDS]
    for j, curve in enumerate(curves):
        ax.semilogy(k, curve, color=colour, lw=1.5, label=f"$b_f={bias:g}$" if j == 0 else None)
    print(f"b_f={bias:g}: k={K} ->", " ".join(f"{curve[K]:.1e}" for curve in curves))
ax.set_xlabel(label("거슬러 올라간 시간 $k$", "lag $k$"))
ax.set_ylabel(r"$\|\partial L/\partial h_{T-k}\| / \|\partial L/\partial h_T\|$")
ax.set_title(
    label("망각 게이트 편향이 클수록 기울기가 멀리 간다", "A larger forget bias keeps more")
)
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# ## 4. 컨베이어 간선을 끊으면
#
# `cell_path=False`이면 $c_{t-1} \to c_t$ 로 가는 기울기를 버리므로, 은닉 상태만 거치는
# 경로의 합이 남습니다. 연구 노트의 그림처럼 이 몫은 금세 사라집니다. 남는 기울기는
# 셀 상태를 한 번이라도 타는 경로에서 옵니다.

# %%
full = norms_by_lag(0, 1.0)
hidden_only = norms_by_lag(0, 1.0, cell_path=False)
for lag in (1, 5, 10, 20):
    print(f"k={lag:2d}  full {full[lag]:.1e}   hidden-only {hidden_only[lag]:.1e}")

# %% [markdown]
# ## 5. 순환 가중치가 크면
#
# 네 개의 $W_{h\cdot}$ 를 모두 직교 행렬 × 4로 키우면 LSTM의 기울기도 거슬러 갈수록 커질
# 수 있습니다. $b_f = 3$ 으로 두고 $r = 1$ 과 150단계까지 비교해 보세요. 유닛 수와 배치가
# 연구 노트의 그림보다 작아서 숫자는 조금 다릅니다.

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
LONG = 150
for radius, colour in ((1.0, "#0072B2"), (4.0, "#D55E00")):
    for seed in SEEDS:
        ax.semilogy(
            np.arange(LONG + 1),
            norms_by_lag(seed, 3.0, radius, lags=LONG),
            color=colour,
            lw=1.5,
            label=f"$r={radius:g}$" if seed == 0 else None,
        )
ax.axhline(1.0, color="0.4", lw=0.8, ls="--")
ax.set_xlabel(label("거슬러 올라간 시간 $k$", "lag $k$"))
ax.set_ylabel(r"$\|\partial L/\partial h_{T-k}\| / \|\partial L/\partial h_T\|$")
ax.set_title(
    label("$b_f=3$, 순환 가중치 직교 행렬 × $r$", "$b_f=3$, recurrent weights orthogonal × $r$")
)
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# ## 6. 유한 차분으로 검산
#
# 역전파가 맞는지 $W_h$ 의 한 성분을 $\pm\varepsilon$ 만큼 흔들어 중심 차분과 비교합니다.

# %%
rng = np.random.default_rng(1)
p_small = init(rng, 3, 4, forget_bias=1.0)
xs_small = rng.standard_normal((5, 2, 3))
h0 = rng.standard_normal((2, 4)) * 0.5
c0 = rng.standard_normal((2, 4)) * 0.5
w = rng.standard_normal((2, 4))


def loss(p):
    return float(np.sum(w * forward(p, xs_small, h0, c0)["hs"][-1]))


analytic = backward(p_small, forward(p_small, xs_small, h0, c0), w)["grads"]["W_h"][1, 6]
eps = 1e-6
bumped = {name: value.copy() for name, value in p_small.items()}
bumped["W_h"][1, 6] += eps
up = loss(bumped)
bumped["W_h"][1, 6] -= 2 * eps
numeric = (up - loss(bumped)) / (2 * eps)
print(
    f"backprop {analytic:.10f}   finite difference {numeric:.10f}   "
    f"relative error {abs(analytic - numeric) / abs(numeric):.1e}"
)

# %% [markdown]
# ## 더 해 볼 것
#
# - `K`를 200으로 늘리고 $b_f = 3$, $r = 1$ 의 곡선이 처음 값을 넘는지 보세요.
# - `WARMUP`을 0으로 두고 3절을 다시 돌려 보세요. 0 상태에서 막 출발한 구간이 곡선을 어떻게
#   바꾸는지 보입니다(연구 노트가 모든 실험에 예열을 두는 이유).
# - 5절에서 `radius`를 2, 3으로 바꿔, LSTM의 기울기가 커지기 시작하는 $r$ 을 찾아보세요.
