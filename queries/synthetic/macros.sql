-- Helpers of the synthetic generator (temporary, this connection only).
-- syn_u: a uniform number in [0, 1) from a hash of (seed, person, stream, k): deterministic whatever the thread
-- count. The outer hash() decorrelates nearby streams (a single hash of the tuple is not mixed enough).
CREATE OR REPLACE TEMP MACRO syn_u(s, a, b, c) AS (hash(hash(s, a, b, c)) >> 11)::DOUBLE / 9007199254740992.0;
-- syn_pick: an integer in [lo, hi] from a uniform u.
CREATE OR REPLACE TEMP MACRO syn_pick(u, lo, hi) AS (lo + least(floor(u * (hi - lo + 1)), hi - lo))::BIGINT;
-- syn_rin: the 9-digit RINPERSOON of person pid: an affine bijection modulo the prime 999,999,937 (never 000000000;
-- BIGINT arithmetic: pid < 10^8 and m < 10^9 keep pid * m far below 2^63).
CREATE OR REPLACE TEMP MACRO syn_rin(pid, m, a) AS lpad((((pid::BIGINT * m::BIGINT + a::BIGINT) % 999999937) + 1)::VARCHAR, 9, '0');
-- syn_day: a date in [lo, hi] from a uniform u.
CREATE OR REPLACE TEMP MACRO syn_day(u, lo, hi) AS (lo + syn_pick(u, 0, hi - lo)::INTEGER);
CREATE OR REPLACE TEMP MACRO syn_ymd(d) AS strftime(d, '%Y%m%d');
