-- One row of code_map (bound per code of the config).
INSERT INTO code_map VALUES ($domain, $code, $bit, $target)
