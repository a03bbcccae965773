-- Of the located rows keep only those with a problem.
DELETE FROM {{table}} WHERE p_kind IS NULL
