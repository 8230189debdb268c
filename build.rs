//! Link the page's wasm with its relocations kept: `wasm-split-cli` (scripts/split.mjs) needs
//! them to cut the panels loaded on demand into modules of their own (src/ui/on_demand.rs).
//! Only the page (bin `pace`) with the `split` feature, and only for wasm.
fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=pace=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
