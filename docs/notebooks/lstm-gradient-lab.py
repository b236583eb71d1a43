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
# 이 노트북에서는 `snippets/nn/lstm.py`에 있는 numpy LSTM을 직접 돌려 보면서,
# 마지막 시점의 손실이 몇 단계 앞의 은닉 상태까지 기울기를 전달하는지 재 봅니다.
# (편집자가 만든 실습입니다. 팀의 원래 노트에는 없던 내용입니다.)
# 순서는 아래 절 번호와 같습니다.
#
# 1. 작은 LSTM을 만들고 순전파를 돌린다.
# 2. 마지막 시점에만 손실을 두고 시간 역전파(BPTT)를 한 뒤, 거슬러 올라간 시간 $k$ 에
#    따라 $\|\partial L/\partial h_{T-k}\|$ 를 본다.
# 3. 망각 게이트 편향 $b_f$ 를 0과 3으로 바꿔 비교한다.
# 4. 기울기를 경로 세 갈래(은닉 상태 전용, 순수 컨베이어, 섞인 경로)로 나눠 본다.
# 5. 유한 차분으로 역전파 결과 한 성분을 검산한다.
# 6. 3의 결과를 그림으로 보고, $b_f=3$ 곡선이 왜 다시 올라가는지 읽는다.

# %%
import matplotlib.pyplot as plt
import numpy as np

from snippets.nn import lstm
from snippets.style import PALETTE

T, D, H, B = 40, 8, 16, 4  # 시간, 입력 크기, 은닉 크기, 배치

# %% [markdown]
# ## 1. 작은 LSTM 만들기와 순전파
#
# `lstm.init`은 난수 생성기와 망각 편향을 받습니다. 가중치 이름은 식을 그대로 따릅니다:
# 망각 게이트 $f_t = \sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f)$ 의 가중치는
# `W_xf`, `W_hf`, `b_f`입니다. 순전파 결과(`cache`)에는 $h_t$, $c_t$ (`hs`, `cs`,
# 모양 `(T+1, B, H)`)와 게이트 값이 들어 있습니다.

# %%
def run(forget_bias: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    params = lstm.init(rng, D, H, forget_bias=forget_bias)
    xs = rng.standard_normal((T, B, D))
    h0 = np.zeros((B, H))
    c0 = np.zeros((B, H))
    cache = lstm.forward(params, xs, h0, c0)
    v = rng.standard_normal((B, H))  # 손실 L = Σ v ⊙ h_T
    return params, cache, v


params, cache, v = run(forget_bias=1.0)
print("hs:", cache.hs.shape, " cs:", cache.cs.shape, " f:", cache.f.shape)
print("망각 게이트 평균:", cache.f.mean().round(3))

# %% [markdown]
# ## 2. 마지막 시점의 손실로 역전파하고 $k$ 별 노름 보기
#
# `backward`에는 각 시점의 $h_t$ 에 직접 걸린 기울기 `dhs` (모양 `(T+1, B, H)`)를
# 넘깁니다. 손실이 마지막 시점에만 있으므로 `dhs[T] = v`이고 나머지는 0입니다.
# 돌려받는 `grads.dh[t]`는 뒤쪽 시점에서 흘러온 몫까지 모두 더한 **전체** 기울기
# $\partial L/\partial h_t$ 입니다.

# %%
def last_step_grads(params, cache, v, cell_path=True):
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = v
    return lstm.backward(params, cache, dhs, cell_path=cell_path)


def norms_by_lag(dh):
    """k = 0, 1, …, T 순서의 배치 평균 노름."""
    return np.linalg.norm(dh, axis=2).mean(axis=1)[::-1]


grads = last_step_grads(params, cache, v)
norms = norms_by_lag(grads.dh)
for k in (0, 1, 5, 10, 20, 39):
    print(f"k={k:2d}  ||dL/dh_(T-k)|| = {norms[k]:.3e}")

# %% [markdown]
# ## 3. 망각 편향 0과 3 비교
#
# 셀 상태를 따라 거꾸로 가는 기울기는 단계마다 $f_t$ 가 곱해집니다. 편향 $b_f$ 가 크면
# $f_t \approx \sigma(b_f)$ 가 1에 가까워서 곱이 천천히 줄어듭니다
# ($\sigma(0)=0.5$, $\sigma(3)\approx 0.95$).

# %%
by_bias = {}
for bias in (0.0, 3.0):
    p, c, vv = run(forget_bias=bias)
    by_bias[bias] = norms_by_lag(last_step_grads(p, c, vv).dh)
    print(f"b_f={bias:g}:  k=10 → {by_bias[bias][10]:.2e},  "
          f"k=30 → {by_bias[bias][30]:.2e}")

# %% [markdown]
# ## 4. 경로 세 갈래로 나누기
#
# 펼친 계산 그래프에서 $h_T$ 부터 $h_{T-k}$ 까지 거꾸로 가는 경로는 세 종류입니다.
#
# - **은닉 상태 전용**: 셀 상태의 간선 $c_{t-1} \to c_t$ (`dc[t-1] += f_t ⊙ dc[t]`)를 한 번도
#   타지 않는 경로. `backward(cell_path=False)`가 이 합입니다.
# - **순수 컨베이어**: $h_T \to c_T$ 로 들어간 뒤 $\operatorname{diag}(f)$ 만 곱하며 셀 상태를
#   따라가다가, 마지막 단계의 게이트를 거쳐 $h_{T-k}$ 로 나오는 경로.
# - **섞인 경로**: 셀 상태와 중간의 은닉 상태를 오가는 나머지 경로.
#
# `lstm.backward_paths`는 세 몫을 따로 전파하므로(뺄셈으로 구하지 않음), 세 몫의 합이
# 전체 기울기와 같은지가 그대로 검산이 됩니다.

# %%
full = last_step_grads(params, cache, v).dh
dhs = np.zeros_like(cache.hs)
dhs[-1] = v  # 2절과 같은 손실 L = Σ v ⊙ h_T
parts = lstm.backward_paths(params, cache, dhs)
total = parts.hidden_only + parts.conveyor + parts.mixed
print("세 몫의 합이 전체 기울기와 같은가:", np.allclose(total, full, rtol=1e-12, atol=1e-15))
for k in (2, 5, 10, 20):
    t = T - k
    print(f"k={k:2d}  전체 {np.linalg.norm(full[t]):.2e}   "
          f"은닉 전용 {np.linalg.norm(parts.hidden_only[t]):.2e}   "
          f"순수 컨베이어 {np.linalg.norm(parts.conveyor[t]):.2e}   "
          f"섞인 경로 {np.linalg.norm(parts.mixed[t]):.2e}")

# %% [markdown]
# 이 실행에서는 은닉 전용 몫이 금세 사라지고, 먼 과거까지 남는 기울기는 대부분 섞인
# 경로에서 옵니다. 가중치 없는 순수 컨베이어 몫은 그보다 훨씬 작습니다.
#
# 은닉 전용 몫이 빨리 사라지는 것은 **이 실행에서 관찰한 것**이지 일반적인 사실은
# 아닙니다. $\partial h_t/\partial h_{t-1}$ 의 네 항 중 $W_{ho}$, $W_{hi}$ 항의 계수는
# $1/4$ 이하지만, $W_{hf}$ 항의 계수는 $|c_{t-1}|/4$ 까지, $W_{hc}$ 항의 계수
# $\delta_t \odot i_t \odot (1-\tilde{c}_t^2)$ 는 1에 가깝게까지 커질 수 있고, 야코비 행렬은
# 네 항의 합입니다. 가중치가 크면 은닉 전용 몫도 줄지 않을 수 있습니다.

# %% [markdown]
# ## 5. 유한 차분으로 검산
#
# 역전파가 맞는지 $h_0$ 의 한 성분을 $\pm\varepsilon$ 만큼 흔들어 중심 차분과 비교합니다.
# 짧은 시퀀스에서 보면 값이 충분히 커서 비교하기 좋습니다.

# %%
rng = np.random.default_rng(1)
p_small = lstm.init(rng, D, H, forget_bias=1.0)
xs_small = rng.standard_normal((5, B, D))
h0 = rng.standard_normal((B, H)) * 0.5
c0 = np.zeros((B, H))
w = rng.standard_normal((B, H))


def loss(h0):
    return float(np.sum(w * lstm.forward(p_small, xs_small, h0, c0).hs[-1]))


dhs = np.zeros((6, B, H))
dhs[-1] = w
analytic = lstm.backward(p_small, lstm.forward(p_small, xs_small, h0, c0), dhs).dh[0]

eps = 1e-6
bumped = h0.copy()
bumped[0, 3] += eps
up = loss(bumped)
bumped[0, 3] -= 2 * eps
numeric = (up - loss(bumped)) / (2 * eps)
print(f"역전파 {analytic[0, 3]:.10f}   유한 차분 {numeric:.10f}   "
      f"상대 오차 {abs(analytic[0, 3] - numeric) / abs(numeric):.1e}")

# %% [markdown]
# ## 6. 3절의 결과를 그림으로 보기

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
k = np.arange(T + 1)
ax.semilogy(k, by_bias[0.0] / by_bias[0.0][0], color=PALETTE["vermillion"], lw=2,
            label="망각 편향 $b_f=0$")
ax.semilogy(k, by_bias[3.0] / by_bias[3.0][0], color=PALETTE["blue"], lw=2, ls="--",
            label="망각 편향 $b_f=3$")
ax.set_xlabel("거슬러 올라간 시간 $k$")
ax.set_ylabel(r"$\|\partial L/\partial h_{T-k}\|$ (k=0 기준)")
ax.set_title("망각 편향이 크면 기울기가 멀리까지 간다 (3이면 다시 커지기도)")
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# $b_f=3$ 곡선은 처음 몇 단계 줄었다가 $k$ 가 커지면서 다시 올라갑니다. 셀 상태만 따라가는
# 몫은 $\prod f \le 1$ 이라 커질 수 없으니, 다시 커지는 몫은 $h$ 를 거치며 순환 가중치
# $W_{h\cdot}$ 가 곱해지는 경로에서 옵니다(4절의 섞인 경로). 학습 전의 무작위 LSTM에서
# 이 초기화는 기울기를 오히려 키울 수 있다는 뜻이고, 얼마나 커지는지는 시드에 따라 크게
# 다릅니다. `T`가 작으면 $k$ 가 큰 쪽이 $h_0 = c_0 = 0$ 에서 막 출발한 구간이라는 점도
# 함께 생각해야 합니다.
#
# 더 해 볼 것: `T`를 100으로 늘리거나, `forget_bias`를 1, 5로 바꿔 보세요.
# 같은 실험의 그림은 LSTM 노트의 `snippets/lstm/grad_by_lag.py`,
# `snippets/lstm/path_split.py`, `snippets/lstm/long_lag.py`에도 있습니다.
