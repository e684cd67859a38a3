// The page's entry: mounts the app shell. Monaco and the engine worker load after first paint.
import { mount } from "svelte";
import App from "./App.svelte";
import "./ui/theme.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element to mount Retort into.");
mount(App, { target });
