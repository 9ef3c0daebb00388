import { renderPage } from '@madoguchi/shared/web';
import { App } from './app';
import './styles.css';

renderPage(<App />);
