"""Writing notes: the day scaffold (`scripts/new_note.py`)."""
