// Lets TypeScript import .vue files; the bundle plugin compiles them (as Vite's Vue plugin would).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
