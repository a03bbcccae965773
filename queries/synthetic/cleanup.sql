-- Drop the generator's temporary tables and macros.
DROP TABLE IF EXISTS syn_profiles;
DROP TABLE IF EXISTS syn_segments;
DROP TABLE IF EXISTS syn_persons;
DROP TABLE IF EXISTS syn_srg;
DROP TABLE IF EXISTS syn_uwv;
DROP TABLE IF EXISTS syn_wmo;
DROP TABLE IF EXISTS syn_demo;
DROP MACRO IF EXISTS syn_ymd;
DROP MACRO IF EXISTS syn_day;
DROP MACRO IF EXISTS syn_rin;
DROP MACRO IF EXISTS syn_pick;
DROP MACRO IF EXISTS syn_u;
