"""Templates chosen for a cell by the committee they are made for (scoring
rubrics, agenda templates): one without organization serves every cell, one
with an organization the cells below it, and the one of the nearest
committee above the cell wins."""


def nearest_for_cell(cell_path, candidates):
    """The value of the candidate made for the nearest committee above the
    cell whose parent_path is cell_path; among those of one committee, the
    candidate of highest precedence. None when no candidate covers the cell.

    candidates: (organization parent_path, "" for every cell; precedence, a
    comparable; value) tuples. Plain values, not records: a batch of
    thousands of cells is resolved without an ORM access per cell."""
    best_key, best = None, None
    for path, precedence, value in candidates:
        if cell_path.startswith(path):
            key = (len(path), precedence)
            if best_key is None or key > best_key:
                best_key, best = key, value
    return best
