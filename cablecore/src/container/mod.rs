//! Container readers: `cables.csv`, cablegate HTML pages, plain and scraped text.
//! (Being written.)
