-- Small inputs of the synthetic generator, filled from JavaScript with an appender.
CREATE OR REPLACE TEMP TABLE syn_profiles (profile_id INTEGER, bits INTEGER, n BIGINT, seg VARCHAR);
CREATE OR REPLACE TEMP TABLE syn_segments (
  seg VARCHAR, man DOUBLE, laag DOUBLE, midden DOUBLE, hoog DOUBLE, eduUnknown DOUBLE,
  lt18 DOUBLE, a18_27 DOUBLE, a28_55 DOUBLE, gt55 DOUBLE
);
