// Stylesheets are imported for their side effect; Vite bundles them, Jest stubs them.
declare module '*.css';
// `?url` imports: Vite copies the file into the build and gives its URL (served from our origin).
declare module '*?url' {
  const url: string;
  export default url;
}
