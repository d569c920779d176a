// Shared by the operator's pages (what they read is typed in the contract: OperatorService, ServiceHealth).
import './operator.css';

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
