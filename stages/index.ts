// Registers every stage with the registry: importing a stage module is what makes its name usable in YAML.
import './sources/warc/warc_source.js';
import './sources/arrow_source.js';
import './html_to_text.js';
import './exact_dedup/exact_dedup.js';
import './write.js';
