// The page's entry: mounts the app shell. Monaco and the engine worker load after first paint.
import { mount } from "svelte";
import App from "./App.svelte";
import { loadMonaco } from "./app/editor/monaco";
import "./ui/theme.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element to mount Retort into.");
// Monaco is the largest download: start fetching it now, in parallel with the engine worker.
void loadMonaco().catch(() => {});
mount(App, { target });
