// Stylesheets in cascade order: the libraries', then the theme's variables and the rules shared by every panel; each
// panel's own stylesheet comes in with its component, after these, so it wins a tie with them.
import 'dockview-react/dist/styles/dockview.css';
import '@xyflow/react/dist/style.css';
import 'react-json-view-lite/dist/index.css';
import './shell/styles/theme.css';
import './shell/styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { startWorkbench } from './shell/startWorkbench';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startWorkbench();
