// Vite's client types (asset ?url imports) for the renderer only.
/// <reference types="vite/client" />
