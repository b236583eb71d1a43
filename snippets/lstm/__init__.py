"""Figures for the LSTM notes: gates, vanishing gradients, clipping, the cell."""
