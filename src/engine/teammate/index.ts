export { simulateTeammate, type TeammateChange, type TeammateOptions, type TeammateResult } from "./teammate";
