export { convertModelsPy, type ConvertedModels, type Problem } from "./convert";
