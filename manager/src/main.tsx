import { createRoot } from 'react-dom/client';

// placeholder until the dashboard lands
createRoot(document.getElementById('root')!).render(<p>フロアマネージャー</p>);
