pub mod accuracy;
pub mod cases;
pub mod cli;
pub mod evidence;
pub mod util;
