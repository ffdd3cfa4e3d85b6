import IAMStore
// The shell layer: command language, rendering, REPL engine (no terminal I/O).

