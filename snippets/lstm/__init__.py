"""Figures for the LSTM notes: gates, vanishing gradients, clipping, the cell."""

# Okabe–Ito: distinguishable with the common colour-vision deficiencies
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
FIGSIZE = (7.5, 4.2)
