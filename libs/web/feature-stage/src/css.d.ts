// Stylesheets are imported for their side effect; Vite bundles them, Jest stubs them.
declare module '*.css';
