-- Keep a file's row order while it is read (rowid = row - 1), only where problem rows are located.
SET preserve_insertion_order = true
